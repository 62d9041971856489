"""The chart of `make bench`: median, p95 and p99 latency of every scenario step (log scale), from results.json."""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

results = json.load(open(sys.argv[1]))
labels = [f"{r['scenario'][0]}: {r['name']} ×{r['concurrency']}" for r in results]
fig, ax = plt.subplots(figsize=(11, 0.38 * len(results) + 1.5))
rows = range(len(results))
for offset, key, colour in [(-0.25, "median", "#2a6f97"), (0, "p95", "#f4a259"), (0.25, "p99", "#bc4b51")]:
    ax.barh([row + offset for row in rows], [max(r[key], 0.01) for r in results], height=0.25, label=key, color=colour)
ax.set_yticks(list(rows), labels, fontsize=8)
ax.invert_yaxis()
ax.set_xscale("log")
ax.set_xlabel("latency (ms, log scale)")
ax.set_title("Zaakstroom load scenarios: latency percentiles")
ax.legend(loc="lower right")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
