"""Jobs are handed to the workers longest first."""
from strategy.batch.build import longest_first
from strategy.batch.jobs import Job


def _job(doc: str, teryt: str, kind: str) -> Job:
    return Job(id=f"{doc}:{teryt}:2024", document=doc, title=doc, unit_kind=kind, teryt=teryt,
               powiat=teryt[:4], rok=2024, notebook="nb.ipynb", parameters={},
               output_param="output_dir", outputs=(), inputs=(), data_scope=(),
               out_dir="/tmp/x", cwd="/tmp", timeout=60)


def test_without_history_powiat_documents_go_first_then_by_id():
    jobs = [_job("diagnoza", "3007012", "gmina"), _job("strategia", "3007", "powiat"),
            _job("diagnoza", "3007022", "gmina")]
    order = [j.id for j in longest_first(jobs, {})]
    assert order == ["strategia:3007:2024", "diagnoza:3007012:2024", "diagnoza:3007022:2024"]


def test_recorded_durations_decide_and_unknown_jobs_count_as_long():
    jobs = [_job("diagnoza", "3007012", "gmina"), _job("strategia", "3007", "powiat"),
            _job("diagnoza", "3007022", "gmina"), _job("diagnoza", "3007032", "gmina")]
    previous = {"diagnoza:3007012:2024": {"duration_s": 2.5},
                "strategia:3007:2024": {"duration_s": 7.0},
                "diagnoza:3007022:2024": {"duration_s": None}}  # failed before any timing
    order = [j.id for j in longest_first(jobs, previous)]
    # never timed (3007022, 3007032) first as "long", then 7.0 s, then 2.5 s
    assert order == ["diagnoza:3007022:2024", "diagnoza:3007032:2024", "strategia:3007:2024",
                     "diagnoza:3007012:2024"]


def test_register_files_in_the_keys_are_those_the_registry_reads():
    from strategy import terc, units
    from strategy.batch.hashing import REGISTRY_FILES
    assert set(REGISTRY_FILES) == {str(terc.LOCAL_REGISTER), str(terc.LOCAL_HISTORY),
                                   str(units.LOCAL_UNITS)}
