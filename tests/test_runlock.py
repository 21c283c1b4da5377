"""Recovering from a killed run: a stale lock is removed, a live run's lock is not."""

import subprocess
import time

from wijkverbinders import runlock


def lock(folder):
    locks = folder / ".snakemake" / "locks"
    locks.mkdir(parents=True)
    (locks / "0.input.lock").write_text("x")
    return locks


def test_no_lock_nothing_to_do(tmp_path):
    assert runlock.main(tmp_path) == 0


def test_stale_lock_is_removed(tmp_path, capsys):
    locks = lock(tmp_path)
    assert runlock.main(tmp_path) == 0
    assert list(locks.iterdir()) == []
    assert "Removed the lock of an earlier run that was stopped" in capsys.readouterr().err


def test_lock_of_a_live_run_is_kept(tmp_path, capsys):
    locks = lock(tmp_path)
    # A process that calls itself snakemake, working in the same folder.
    other = subprocess.Popen(["bash", "-c", "exec -a snakemake sleep 30"], cwd=tmp_path)
    try:
        time.sleep(0.2)
        assert runlock.main(tmp_path) == 1
        assert len(list(locks.iterdir())) == 1
        err = capsys.readouterr().err
        assert err == (
            f"Another run of this pipeline is active (pid {other.pid}): wait for it to "
            "finish, or stop it, and try again.\n"
        )
    finally:
        other.kill()
        other.wait()
