"""Widens the public conformance vectors into their full cross products, answered by CPython.

public.json samples each family's axes (printf specs x values, format strings x records,
timestamps x datefmts x zones x converters, filter names x record names). This script takes
every axis value that public.json uses and pairs it with every other, then asks this
interpreter's own `logging` for each expected value, in the vectors' schema, so that
`test/interop/conformance-cross-product.test.ts` can check combinations public.json never
shows. Like the vectors' generator it needs CPython 3.11 and skips results that would render
None/True/False (JavaScript spells those differently, on purpose).

Usage: python3 cross-product.py public.json out.json
"""

import hashlib
import itertools
import json
import logging
import os
import re
import subprocess
import sys
import time

PYTHON_ONLY_TEXT = re.compile(r"None|True|False|<built-in| at 0x")
ZONES = ["UTC", "America/New_York", "Asia/Kolkata", "Europe/London"]


def case_id(family, inputs):
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:10]
    return f"{family}/cross/{digest}"


def error(e, phase=None):
    out = {"error": type(e).__name__, "message": str(e)}
    if phase:
        out["phase"] = phase
    return out


def as_record(d):
    """A record dict as CPython's makeLogRecord sees it: a JSON array of args is a tuple."""
    d = json.loads(json.dumps(d))
    if isinstance(d.get("args"), list):
        d["args"] = tuple(d["args"])
    return logging.makeLogRecord(d)


def percent_message(cases):
    axes = {}
    for c in cases:
        m = re.match(r"percent_message/(?:grid|sweep)-(\w)/", c["id"])
        if not m:
            continue
        fmts, values = axes.setdefault(m.group(1), ({}, []))
        fmts[c["msg"]] = None
        for v in c["args"]:
            if v not in values:
                values.append(v)
    for fmts, values in axes.values():
        for msg, value in itertools.product(fmts, values):
            record = logging.LogRecord("conformance", 20, "/conformance.py", 1, msg, (value,), None)
            try:
                expected = {"ok": record.getMessage()}
                if PYTHON_ONLY_TEXT.search(expected["ok"]):
                    continue
            except Exception as e:
                expected = error(e)
            yield {"family": "percent_message", "msg": msg, "args": [value], "expected": expected}


def formatter(cases):
    records = {}
    layouts = {}
    for c in cases:
        if not c["family"].startswith("formatter_"):
            continue
        records[c["record"]["name"]] = c["record"]
        if c["id"].split("/")[1] not in ("error", "validate-false", "defaults"):
            layouts[(c["family"], c["style"], c["fmt"])] = c.get("datefmt")
    for ((family, style, fmt), datefmt), record in itertools.product(
        layouts.items(), records.values()
    ):
        uses_asctime = fmt is not None and "asctime" in fmt
        case = {"family": family, "fmt": fmt, "style": style, "record": record}
        if datefmt is not None:
            case["datefmt"] = datefmt
        if uses_asctime:
            case["converter"] = "gmtime"
        try:
            f = logging.Formatter(fmt, datefmt, style)
        except Exception as e:
            case["expected"] = error(e, "construct")
        else:
            if uses_asctime:
                f.converter = time.gmtime
            try:
                case["expected"] = {"ok": f.format(as_record(record))}
                if PYTHON_ONLY_TEXT.search(case["expected"]["ok"]):
                    continue
            except Exception as e:
                case["expected"] = error(e, "format")
        yield case


def exception_text(cases):
    grid = [c for c in cases if c["id"].startswith("exception_text/grid/")]
    axes = ([], [], [])
    for c in grid:
        for axis, key in zip(axes, ("exc_text", "stack_info", "msg")):
            if c["record"][key] not in axis:
                axis.append(c["record"][key])
    base = grid[0]["record"]
    for exc_text, stack_info, msg in itertools.product(*axes):
        record = dict(base, exc_text=exc_text, stack_info=stack_info, msg=msg)
        text = logging.Formatter("%(message)s").format(as_record(record))
        yield {"family": "exception_text", "fmt": "%(message)s", "style": "%",
               "record": record, "expected": {"ok": text}}


def filter_names(cases):
    pairs = [c for c in cases if c["family"] == "filter_names"]
    names = sorted({c["filter"] for c in pairs})
    record_names = sorted({c["record_name"] for c in pairs})
    for name, record_name in itertools.product(names, record_names):
        passed = logging.Filter(name).filter(logging.makeLogRecord({"name": record_name}))
        yield {"family": "filter_names", "filter": name, "record_name": record_name,
               "expected": {"ok": bool(passed)}}


ASCTIME_CHILD = r"""
import json, logging, sys, time
time.tzset()
out = []
for c in json.load(sys.stdin):
    f = logging.Formatter('%(asctime)s', c['datefmt'])
    if c['converter'] == 'gmtime':
        f.converter = time.gmtime
    for key in ('default_time_format', 'default_msec_format'):
        if key in c:
            setattr(f, key, c[key])
    record = logging.makeLogRecord({'created': c['created'], 'msecs': c['msecs']})
    try:
        out.append({'ok': f.formatTime(record, c['datefmt'])})
    except Exception as e:
        out.append({'error': type(e).__name__, 'message': str(e)})
json.dump(out, sys.stdout)
"""


def asctime(cases):
    cases = [c for c in cases if c["family"] == "asctime"]
    stamps, datefmts, overrides = [], [], []
    for c in cases:
        for axis, value in (
            (stamps, (c["created"], c["msecs"])),
            (datefmts, c["datefmt"]),
            (overrides, {k: c[k] for k in ("default_time_format", "default_msec_format") if k in c}),
        ):
            if value not in axis:
                axis.append(value)
    for tz in ZONES:
        jobs = []
        for converter, (created, msecs) in itertools.product(("localtime", "gmtime"), stamps):
            base = {"family": "asctime", "tz": tz, "converter": converter,
                    "created": created, "msecs": msecs}
            jobs += [dict(base, datefmt=d) for d in datefmts]
            jobs += [dict(base, datefmt=None, **o) for o in overrides if o]
        env = dict(os.environ, TZ=tz, LC_ALL="C")
        run = subprocess.run([sys.executable, "-c", ASCTIME_CHILD], input=json.dumps(jobs),
                             capture_output=True, text=True, env=env, check=True)
        for job, expected in zip(jobs, json.loads(run.stdout)):
            yield dict(job, expected=expected)


def main(public_path, out_path):
    if sys.version_info[:2] != (3, 11):
        sys.exit("cross-product.py: the vectors are CPython 3.11's; run it with python 3.11")
    cases = json.load(open(public_path, encoding="utf-8"))["cases"]
    out, seen, counts = [], set(), {}
    for make in (percent_message, formatter, exception_text, filter_names, asctime):
        for case in make(cases):
            inputs = {k: v for k, v in case.items() if k != "expected"}
            case = dict(id=case_id(case["family"], inputs), **case)
            if case["id"] in seen:
                continue
            seen.add(case["id"])
            out.append(case)
            counts[case["family"]] = counts.get(case["family"], 0) + 1
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"file": os.path.basename(out_path), "counts": counts, "cases": out}, f)


if __name__ == "__main__":
    main(*sys.argv[1:3])
