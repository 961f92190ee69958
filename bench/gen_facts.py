#!/usr/bin/env python3
"""gen_facts.py N FILE - writes N facts-like JSON lines (a dozen fields),
deterministically, so every bench run reads the same bytes."""
import json
import random
import sys

n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
entities = ["Meta", "Alphabet", "Microsoft", "Amazon", "Oracle", "CoreWeave", "Nebius", "OpenAI"]
metrics = ["capex", "capex_guidance", "power_capacity", "contract_value", "compute_units", "price"]
with open(path, "w") as f:
    for i in range(n):
        low = rng.randint(1, 900) * 1e9
        f.write(json.dumps({
            "fact_id": "%032x" % (i * 2654435761 % (1 << 128)),
            "doc_id": "%032x" % (i // 7),
            "entity": rng.choice(entities),
            "counterparty": None if i % 3 else rng.choice(entities),
            "metric": rng.choice(metrics),
            "kind": "money",
            "low": low,
            "high": low * 1.1,
            "unit": "USD",
            "qualifier": "about" if i % 5 == 0 else None,
            "period": "2026",
            "text": "$%d billion" % (low / 1e9),
            "span_start": i % 5000,
            "span_end": i % 5000 + 12,
            "extracted_at": "2026-11-23T11:00:00Z",
        }) + "\n")
