"""Benchmark of ``strategy build`` (not a test): prints a table and writes bench/results.json.

(a) a plain sequential loop of papermill.execute_notebook (a new kernel per notebook) over the
    jobs of one powiat vs (b) ``strategy build --force`` (subprocess, wall time) over the same jobs,
    which also writes an HTML page of each executed notebook, and (b2) the same without the HTML
    pages (``--no-html``: the outputs the plain loop makes);
(c) ``strategy build`` with nothing changed; (d) one gmina's figures changed: which jobs ran;
(e) scale: a generated store of 2 477 gminas in 380 powiats, diagnoses for a sample of gminas:
    gminas per minute and peak memory per worker (worker process + its kernel).
Rows (a), (b) and (b2) also give their CPU time (user + system of the processes and kernels),
and the 1-minute load average at the start and the end is recorded: on a machine shared with
other work the wall-time ratios are only as steady as that load; the CPU times move less.

The job set is the job table given by --table (default: the small test notebooks). With --real
the benchmark runs the project's own job table and notebooks (diagnoses, programmes, strategy,
DOCX and charts included) on a store made from the demo data: the demo powiat as it is, and the
generated gminas each carrying a demo gmina's series scaled by a random factor, with a units file
for the generated codes (passed through STRATEGY_UNITS). Work files go to bench/_work/.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEMO_GMINAS = ["3007012", "3007022", "3007032", "3007042", "3007053", "3007062", "3007072",
               "3007083", "3007093", "3007102", "3007112"]
INDICATORS = [f"wskaznik_{i:02d}" for i in range(20)]


def generated_codes(n_gminas: int = 2477, n_powiats: int = 380, seed: int = 7) -> list[str]:
    """Return structure-valid gmina codes: 16 województwa, ``n_powiats`` powiats, the demo powiat."""
    rng = random.Random(seed)
    wojs = list(range(2, 33, 2))
    powiats = ["3007"]
    per_woj = {w: 0 for w in wojs}
    while len(powiats) < n_powiats:
        w = wojs[len(powiats) % len(wojs)]
        per_woj[w] += 1
        code = f"{w:02d}{per_woj[w] + (10 if w == 30 else 0):02d}"
        if code != "3007":
            powiats.append(code)
    codes = list(DEMO_GMINAS)
    counts = {p: 0 for p in powiats[1:]}
    others = powiats[1:]
    while len(codes) < n_gminas:
        p = others[(len(codes) - len(DEMO_GMINAS)) % len(others)]
        counts[p] += 1
        codes.append(f"{p}{counts[p]:02d}{rng.choice('123')}")
    return codes


def write_store(path: Path, codes: list[str], years=(2022, 2023, 2024), seed: int = 1) -> None:
    import numpy as np
    import pandas as pd

    from strategy import store as S

    rng = np.random.default_rng(seed)
    n = len(codes) * len(years) * len(INDICATORS)
    frame = pd.DataFrame({
        "teryt": np.repeat(codes, len(years) * len(INDICATORS)),
        "year": np.tile(np.repeat(years, len(INDICATORS)), len(codes)),
        "indicator": np.tile(INDICATORS, len(codes) * len(years)),
        "value": rng.integers(0, 5000, n).astype(float), "unit": "osoba", "source": "bench",
        "flag": ""})
    S.write(S.Store(frame, demo=True), path)


def write_real_store(path: Path, codes: list[str], units_csv: Path, seed: int = 1) -> None:
    """Write a store of the catalogue's indicators for ``codes`` and the units file for them."""
    import numpy as np
    import pandas as pd

    from strategy import store as S
    from strategy.catalog import default_catalog
    from strategy.ingest.loading import load_inputs

    demo, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems, problems[:3]
    base = demo.frame
    kinds = {i.id: i.kind for i in default_catalog()}
    rng = np.random.default_rng(seed)
    frames = [base]
    new = [c for c in codes if not c.startswith("3007")]
    gm = base[base["teryt"].str.len() == 7]
    pw = base[base["teryt"] == "3007"]
    by_gmina = {g: f for g, f in gm.groupby("teryt")}
    for i, code in enumerate(new):
        f = by_gmina[DEMO_GMINAS[i % len(DEMO_GMINAS)]].copy()
        f["teryt"] = code
        f["value"] = f["value"] * rng.uniform(0.7, 1.3)
        counts = f["indicator"].map(kinds).isin(["count", "balance"])
        f.loc[counts, "value"] = f.loc[counts, "value"].round()
        frames.append(f)
    for p in sorted({c[:4] for c in new}):
        f = pw.copy()
        f["teryt"] = p
        frames.append(f)
    S.write(S.Store(pd.concat(frames, ignore_index=True), demo=True), path)
    rows = [f"{p},syntetyczny {p},powiat,,1999,,,," for p in sorted({c[:4] for c in new})]
    rows += [f"{c},Gmina {c},gmina,{c[6]},1999,,,," for c in new]
    units_csv.write_text("teryt,name,kind,gmina_type,valid_from,valid_to,successor,bdl_id,note\n"
                         + "\n".join(rows) + "\n", encoding="utf-8")


def build_command() -> list[str]:
    """Return the ``strategy build`` command: the console script if the whole CLI loads."""
    exe = Path(sys.executable).with_name("strategy")
    ok = subprocess.run([sys.executable, "-c", "import strategy.cli as c; c.build_parser()"],
                        capture_output=True).returncode == 0
    if exe.exists() and ok:
        return [str(exe), "build"]
    return [sys.executable, "-m", "strategy.cli.build_cmd"]


def cpu_s() -> float:
    """Return the CPU time (user + system) of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t, proc.returncode, proc.stderr[-2000:]


def timed_cpu(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Like :func:`timed`, also returning the CPU time of the command and its processes."""
    c = cpu_s()
    wall, rc, err = timed(cmd, cwd)
    return wall, cpu_s() - c, rc, err


def plain_loop(table: Path, store: Path, codes: list[str], out: Path) -> tuple[float, float, int]:
    """Run each job's notebook with papermill's default engine, one after another; return the
    wall time, the CPU time (this process and the kernels) and the number of jobs."""
    import papermill as pm

    from strategy.batch.build import BuildOptions, DEMO_POWIAT  # noqa: F401
    from strategy.batch.jobs import expand, load_table

    t = load_table(table)
    jobs = expand(t.documents, {"3007": (codes, True)}, 2024, store=store, reports=out,
                  base=t.base, root=ROOT, plans=t.plans)
    start, cpu = time.perf_counter(), cpu_s()
    for job in jobs:
        Path(job.out_dir).mkdir(parents=True, exist_ok=True)
        params = dict(job.parameters, **{job.output_param: job.out_dir})
        pm.execute_notebook(job.notebook, os.path.join(job.out_dir, f"{job.document}.ipynb"),
                            parameters=params, kernel_name="python3", progress_bar=False,
                            cwd=str(ROOT))
    return time.perf_counter() - start, cpu_s() - cpu, len(jobs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", type=Path, default=ROOT / "tests/fixtures/batch/jobs.toml")
    ap.add_argument("--sample", type=int, default=100, help="gminas in the scale run (e)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--real", action="store_true",
                    help="the project's job table and notebooks on a store built from demo data")
    args = ap.parse_args()
    if args.real:
        args.table = ROOT / "src/strategy/batch/jobs.toml"
    work = HERE / "_work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    codes = generated_codes()
    store = work / "store.parquet"
    if args.real:
        units_csv = work / "jednostki.csv"
        write_real_store(store, codes, units_csv)
        os.environ["STRATEGY_UNITS"] = str(units_csv)  # inherited by builds and kernels
        from strategy.units import default_registry
        default_registry.cache_clear()
    else:
        write_store(store, codes)
    build = build_command() + ["--store", str(store), "--table", str(args.table.resolve()),
                               "--jobs", str(args.jobs)]
    res: dict = {"command": " ".join(build[:3]), "workers": args.jobs,
                 "gminas_in_store": len(codes), "powiats_in_store": len({c[:4] for c in codes})}

    res["load_avg_1min_start"] = round(os.getloadavg()[0], 2)
    t_plain, c_plain, n_jobs = plain_loop(args.table.resolve(), store, DEMO_GMINAS,
                                          work / "plain")
    res["a_plain_loop_s"] = round(t_plain, 2)
    res["a_plain_loop_cpu_s"] = round(c_plain, 2)
    res["jobs"] = n_jobs
    reports = work / "reports"
    t_force, c_force, rc, err = timed_cpu(
        build + ["--reports", str(reports), "--powiat", "3007", "--force"], ROOT)
    assert rc == 0, err
    res["b_build_force_s"] = round(t_force, 2)
    res["b_build_force_cpu_s"] = round(c_force, 2)
    res["speedup_a_over_b"] = round(t_plain / t_force, 2)
    # the same outputs as the plain loop (DOCX and executed notebook, no HTML page per job)
    t_bare, c_bare, rc, err = timed_cpu(build + ["--reports", str(work / "reports_no_html"),
                                                 "--powiat", "3007", "--force", "--no-html"],
                                        ROOT)
    assert rc == 0, err
    res["b2_build_force_no_html_s"] = round(t_bare, 2)
    res["b2_build_force_no_html_cpu_s"] = round(c_bare, 2)
    res["speedup_a_over_b2"] = round(t_plain / t_bare, 2)
    # CPU time is what the machine's other load disturbs least: the plain loop's against the
    # build's (the build spreads its CPU time over the workers)
    res["cpu_ratio_a_over_b2"] = round(c_plain / c_bare, 2)
    t_noop, rc, err = timed(build + ["--reports", str(reports), "--powiat", "3007"], ROOT)
    assert rc == 0, err
    res["c_noop_s"] = round(t_noop, 3)

    from strategy import store as S
    st = S.load(store)
    frame = st.frame.copy()
    ind = "ludnosc" if args.real else "wskaznik_03"
    frame.loc[(frame["teryt"] == "3007042") & (frame["indicator"] == ind), "value"] += 1
    S.write(S.Store(frame, demo=True), store)
    t_one, rc, err = timed(build + ["--reports", str(reports), "--powiat", "3007"], ROOT)
    assert rc == 0, err
    rec = json.loads((reports / "build.json").read_text(encoding="utf-8"))
    res["d_one_gmina_changed_s"] = round(t_one, 2)
    res["d_ran"] = rec["ran"]

    sample = random.Random(3).sample([c for c in codes if not c.startswith("3007")], args.sample)
    scale_reports = work / "scale"
    cmd = build + ["--reports", str(scale_reports), "--only", "diagnoza"]
    for c in sample:
        cmd += ["--gmina", c]
    t_scale, rc, err = timed(cmd, ROOT)
    assert rc == 0, err
    rec = json.loads((scale_reports / "build.json").read_text(encoding="utf-8"))
    peaks = [(j.get("peak_mb_worker") or 0) + (j.get("peak_mb_kernel") or 0)
             for j in rec["jobs"].values()]
    res["e_gminas"] = len(sample)
    res["e_wall_s"] = round(t_scale, 2)
    res["e_gminas_per_min"] = round(len(sample) / t_scale * 60, 1)
    res["e_peak_mb_per_worker"] = round(max(peaks), 1)
    half = sample[: len(sample) // 2]
    cmd = build + ["--reports", str(work / "scale_half"), "--only", "diagnoza"]
    for c in half:
        cmd += ["--gmina", c]
    t_half, rc, err = timed(cmd, ROOT)
    assert rc == 0, err
    res["e_half_sample_wall_s"] = round(t_half, 2)
    res["e_marginal_s_per_gmina"] = round((t_scale - t_half) / (len(sample) - len(half)), 3)

    res["load_avg_1min_end"] = round(os.getloadavg()[0], 2)
    (HERE / "results.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))
    targets = {"speedup_a_over_b": ">= 4", "speedup_a_over_b2": ">= 4", "c_noop_s": "<= 1.5",
               "e_gminas_per_min": ">= 200", "e_peak_mb_per_worker": "<= 500"}
    width = max(len(k) for k in res)
    for k, v in res.items():
        print(f"{k.ljust(width)}  {v}  {('cel ' + targets[k]) if k in targets else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
