/* article_main.c - article-extract, the stand-alone form of `assay article`:
 * what the extractor finds in local HTML files (article_cli.h). It needs
 * no plugin loading, so the scoring and speed scripts can run it alone. */
#include "article_cli.h"

int main(int argc, char **argv)
{
    return article_cli("article-extract", argc, argv);
}
