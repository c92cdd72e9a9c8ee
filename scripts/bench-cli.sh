#!/usr/bin/env bash
# The CLI beside an unlocked vault (issue 14 point 2, SPEC §4: ≤ 30 ms median),
# side by side with notmuch on the same reports.
#
#   scripts/bench-cli.sh [CASES] [RUNS]        (default 10000 reports, 40 runs each)
#
# Generates CASES realistic report e-mails once into a Maildir, imports them into a
# fresh vault (`embargo import` of one mbox: the real intake path), indexes the same
# Maildir with `notmuch new`, starts the agent (`embargo unlock`), then times whole
# processes, as a status-bar script would see them: `embargo --json due`, `case list`,
# `search`, `case show` through the agent, and `notmuch search`. Prints medians and the ratio. Installs notmuch with apt if
# it is missing (not needed by the test suite). EMBARGO_BIN overrides the binary;
# BENCH_CLI_DIR=DIR keeps the reports, vault and notmuch index there and reuses
# them on the next run (the import is then skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-10000}
RUNS=${2:-40}
if [[ -z "${EMBARGO_BIN:-}" ]]; then
  cargo build --locked --release -p embargo-cli
  EMBARGO_BIN=$PWD/target/release/embargo
fi
command -v notmuch >/dev/null || { apt-get install -y -q notmuch >/dev/null; }

work=${BENCH_CLI_DIR:-$(mktemp -d)}
mkdir -p "$work"
agent_started=
cleanup() {
  if [[ -n $agent_started ]]; then "$EMBARGO_BIN" --vault "$work/vault" lock >/dev/null 2>&1 || true; fi
  if [[ -z ${BENCH_CLI_DIR:-} ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT
export TMPDIR=$work EMBARGO_PASSPHRASE="bench passphrase for the cli" NOTMUCH_CONFIG=$work/notmuch-config
unset XDG_RUNTIME_DIR

V=(--vault "$work/vault")
if [[ ! -e $work/vault/identity.json ]]; then
python3 - "$work" "$CASES" <<'PY'
import os, random, sys
from email.utils import formatdate
work, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(14)
topics = ["Path traversal in static file handler", "Heap overflow in TLS session ticket parsing",
          "Request smuggling via duplicated Content-Length", "Prototype pollution in query-string parser",
          "ReDoS in Accept-Language parser", "SSRF through redirect following in HTTP client",
          "Timing side channel in HMAC comparison", "Cache poisoning in module loader"]
words = ("buffer parser header request response module crafted payload archive decoder session "
         "cookie redirect upload handler version reproduce impact exploit overflow injection").split()
maildir = os.path.join(work, "mail")
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(maildir, sub))
start = 1_700_000_000
with open(os.path.join(work, "reports.mbox"), "w") as mbox:
    for i in range(count):
        when = start + i * 9_000
        body = " ".join(rng.choice(words) for _ in range(120))
        if i % 500 == 0:
            body += " The kumquat codec mishandles it."  # a term 20 reports share
        text = (f"From: Reporter {i} <r{i}@research{i % 97}.example>\n"
                f"To: security@project.example\n"
                f"Subject: {rng.choice(topics)} ({i})\n"
                f"Message-ID: <report-{i}@bench.example>\n"
                f"Date: {formatdate(when)}\n\n{body}\n")
        with open(os.path.join(maildir, "cur", f"{when}.{i}.bench:2,S"), "w") as f:
            f.write(text)
        mbox.write(f"From r{i}@research.example Mon Jan  1 00:00:00 2024\n{text}\n")
PY
printf '[database]\npath=%s\n[new]\ntags=\n' "$work/mail" > "$NOTMUCH_CONFIG"

"$EMBARGO_BIN" "${V[@]}" init --name Bench --email bench@example.org >/dev/null
echo "importing $CASES reports…"
/usr/bin/time -f "  import: %e s, %M KiB peak" "$EMBARGO_BIN" "${V[@]}" import "$work/reports.mbox" >/dev/null
/usr/bin/time -f "  notmuch new: %e s, %M KiB peak" notmuch new --quiet
fi
"$EMBARGO_BIN" "${V[@]}" unlock --for 30m >/dev/null
agent_started=1
unset EMBARGO_PASSPHRASE  # from here on, only the agent can answer

python3 - "$EMBARGO_BIN" "$work" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
embargo, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
vault = ["--vault", f"{work}/vault"]
def median_ms(argv, n=runs):
    size = len(subprocess.run(argv, check=True, capture_output=True).stdout)  # warm
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times), size
rows = [
    ("embargo --json due (agent)", [embargo, *vault, "--json", "due"]),
    ("embargo case list (agent)", [embargo, *vault, "case", "list"]),
    ("embargo search kumquat (agent)", [embargo, *vault, "search", "kumquat"]),
    ("embargo case show EMB-…-0001 (agent)", None),
    ("notmuch search kumquat", ["notmuch", "search", "kumquat"]),
]
import json
first = subprocess.run([embargo, *vault, "--json", "case", "list"], check=True, capture_output=True, text=True)
case_id = json.loads(first.stdout)[-1]["id"]
rows[3] = (rows[3][0], [embargo, *vault, "case", "show", case_id])
results = {}
for name, argv in rows:
    results[name] = median_ms(argv)
    med, lo, hi, size = results[name]
    print(f"{name:40} median {med:7.1f} ms  (min {lo:.1f}, max {hi:.1f}; {size} bytes out; {runs} runs)")
nm = results["notmuch search kumquat"][0]
search = results["embargo search kumquat (agent)"][0]
print(f"ratio search: embargo through the agent / notmuch = {search / nm:.2f}x")
with open("/proc/loadavg") as f:
    print("load average:", f.read().split()[:3])
PY
