/* article_cli.h - the article extractor on local files, as a command:
 * `assay article` (the news plugin's command) and article-extract (the
 * stand-alone program) both run article_cli(). */
#ifndef ASSAY_NEWS_ARTICLE_CLI_H
#define ASSAY_NEWS_ARTICLE_CLI_H

/* Runs the command: argv[0] is its name, then
 *   [--json] [-j N] [--charset NAME] [--url URL] FILE...
 * prog names it in messages ("assay article", "article-extract").
 * Prints one result per FILE in argument order (a JSON object per line
 * with --json) and returns the exit status: 0, 1 when a file could not
 * be read (the others are still done), 2 for a bad command line. */
int article_cli(const char *prog, int argc, char **argv);

#endif
