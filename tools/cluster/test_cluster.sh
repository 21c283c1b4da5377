#!/usr/bin/env bash
# Cluster test: start a one-node SLURM cluster on this machine, run the pipeline through
# Snakemake's SLURM executor with the project's own profile (workflow/profiles/slurm), run it
# locally too, and check that the results are byte-identical.
#
#   bash tools/cluster/test_cluster.sh        (from the repository root; `make test-cluster`)
#
# Needs: root on Debian (12), the project's virtual environment (`make install`) and access to
# the Debian package archive (it installs munge, slurmctld, slurmd and slurm-client) and to
# PyPI (snakemake-executor-plugin-slurm, into the virtual environment).
#
# Two corpora: the demo (data/demo with the repository's config.yaml as it is, every target)
# and DOCUMENTS generated transcripts (wijkverbinders.synthetic: several batches; training and
# evaluation capped; `--omit-from notebook`, as the demo runs the notebooks already and every
# cluster job costs seconds of its own). Each runs once on the cluster and once locally
# (workflow/profiles/default, --cores CPUS), one after the other, each in its own temporary
# folder (`--snakefile <repo>/Snakefile --directory <folder>`): the repository's results/ are
# not touched.
#
# Settings (environment variables):
#   VENV=.venv          the virtual environment (its bin/ goes first on PATH)
#   DOCUMENTS=200       generated transcripts of the second corpus (0: the demo only)
#   FULL=1              the generated corpus with every target too (the notebooks as well)
#   CPUS=2              CPUs of the SLURM node, and --cores of the local runs (at most nproc)
#   RUN_TIMEOUT=900     seconds each snakemake call may take (then SIGINT: it cancels its
#                       SLURM jobs; SIGKILL 60 s later)
#   STATUS_INIT=2       seconds before the plugin's first job-status check (the profile's value
#                       is for real clusters; "" keeps it)
#   WITH_ACCOUNTING=1   also install and start slurmdbd with a private MariaDB, create the
#                       test account, and let the plugin query job status with sacct
#   KEEP=1              keep the temporary folder (logs, work folders) even on success
#
# Whatever happens, every daemon the script started is stopped by its pid file, the original
# /etc/slurm/slurm.conf is put back, and no process of the test is left running.
set -Eeuo pipefail

SCRIPT_START=$(date +%s.%N)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DOCUMENTS=${DOCUMENTS:-200}
CPUS=${CPUS:-$(($(nproc) < 2 ? $(nproc) : 2))}
RUN_TIMEOUT=${RUN_TIMEOUT:-900}
STATUS_INIT=${STATUS_INIT-2}
WITH_ACCOUNTING=${WITH_ACCOUNTING:-0}
KEEP=${KEEP:-0}
FULL=${FULL:-0}
PROFILE="$ROOT/workflow/profiles/slurm"
LOCAL_PROFILE="$ROOT/workflow/profiles/default"
SLURM_CONF=/etc/slurm/slurm.conf
SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
CLUSTER=wijktest
ACCOUNT=wijkverbinders
PARTITION="test"
PACKAGES=(munge slurmctld slurmd slurm-client)
ACCOUNTING_PACKAGES=(slurmdbd mariadb-server)
PLUGIN_REQUIREMENT="snakemake-executor-plugin-slurm>=2.8"
DAEMON_WAIT=60   # seconds a daemon may take to come up

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
fail() {
    printf '[%s] FAILED: %s\n' "$(date +%T)" "$*" >&2
    exit 1
}
refuse() {
    printf 'test_cluster.sh: %s\n' "$*" >&2
    exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- 1. Refuse what this script cannot do ------------------------------------------------------
[[ $(id -u) -eq 0 ]] ||
    refuse "must run as root (it installs Debian packages and starts SLURM daemons); try: sudo make test-cluster"
if [[ ! -f /etc/debian_version ]] || ! command -v apt-get >/dev/null; then
    refuse "needs Debian (no /etc/debian_version or apt-get here); on another system run the profile on a real cluster instead"
fi
[[ -f "$ROOT/Snakefile" && -f "$PROFILE/config.yaml" ]] ||
    refuse "cannot find the repository (Snakefile, workflow/profiles/slurm) at $ROOT"
if [[ -z ${VENV:-} && ! -x .venv/bin/python && ! -x "$ROOT/.venv/bin/python" ]] &&
    command -v snakemake >/dev/null; then
    VENV=$(cd "$(dirname "$(command -v snakemake)")/.." && pwd)  # the environment on PATH
fi
VENV=${VENV:-.venv}
[[ -x "$VENV/bin/python" || $VENV = /* ]] || VENV="$ROOT/$VENV"
[[ -x "$VENV/bin/python" ]] ||
    refuse "no virtual environment at $VENV (run make install first, or set VENV=/path/to/venv)"
VENV_BIN=$(cd "$VENV/bin" && pwd)
# Snakemake's script jobs run the Python found on PATH: the environment's.
export PATH="$VENV_BIN:$PATH"
PYTHON="$VENV_BIN/python"
[[ $CPUS =~ ^[1-9][0-9]*$ ]] || refuse "CPUS must be a positive number, not '$CPUS'"
for daemon in slurmctld slurmd slurmdbd; do
    if pid=$(pgrep -x "$daemon"); then
        refuse "a $daemon is already running (pid ${pid//$'\n'/ }); this test starts its own SLURM cluster: stop it first"
    fi
done

# --- State, and the cleanup that runs whatever happens ----------------------------------------
TMP=""
SNAKE_PID=""        # the running `timeout snakemake` (its process group)
STARTED_PIDFILES=() # "name:pidfile" of every daemon started here, in start order
STEPD_BEFORE=" "
CONF_WRITTEN=0
DBD_CONF_WRITTEN=0
CREATED_RUN_MUNGE=0
CREATED_POLICY=0
CLEANED=0
declare -A DURATION=()

stop_pidfile() { # name pidfile: stop the daemon whose pid the file holds
    local name=$1 file=$2 pid
    [[ -s $file ]] || return 0
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    # Only the daemon itself (a pid can be reused once it has ended).
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name"* ]] || return 0
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    log "$name (pid $pid) did not stop within 20 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
}

cleanup() {
    local status=$? pid i name file leftover=""
    [[ $CLEANED -eq 1 ]] && return
    CLEANED=1
    set +e
    trap - ERR
    trap '' INT TERM
    if [[ -n $SNAKE_PID ]] && kill -0 "$SNAKE_PID" 2>/dev/null; then
        # SIGINT (passed on by timeout): Snakemake cancels its SLURM jobs and stops. (On
        # SIGTERM it would wait for the running jobs to finish.)
        log "stopping snakemake (process group $SNAKE_PID) with SIGINT"
        kill -INT "$SNAKE_PID" 2>/dev/null
        for _ in $(seq 1 300); do kill -0 "$SNAKE_PID" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$SNAKE_PID" 2>/dev/null; then
            log "snakemake did not stop within 60 s: killing its process group"
            kill -KILL -- "-$SNAKE_PID" 2>/dev/null
        fi
        wait "$SNAKE_PID" 2>/dev/null
    fi
    if [[ -n $TMP && -s "$TMP/slurm/run/slurmctld.pid" ]] &&
        kill -0 "$(<"$TMP/slurm/run/slurmctld.pid")" 2>/dev/null; then
        local jobs=()
        mapfile -t jobs < <(squeue -h -o %A 2>/dev/null)
        if [[ ${#jobs[@]} -gt 0 ]]; then
            log "cancelling SLURM jobs: ${jobs[*]}"
            scancel "${jobs[@]}" 2>/dev/null
            for _ in $(seq 1 60); do
                [[ -z $(squeue -h -o %A 2>/dev/null) ]] && break
                sleep 0.5
            done
        fi
    fi
    for ((i = ${#STARTED_PIDFILES[@]} - 1; i >= 0; i--)); do
        name=${STARTED_PIDFILES[i]%%:*}
        file=${STARTED_PIDFILES[i]#*:}
        stop_pidfile "$name" "$file"
    done
    # Job steps of this cluster that outlived slurmd (none were running before it started).
    for pid in $(pgrep -x slurmstepd); do
        if [[ $STEPD_BEFORE != *" $pid "* ]]; then
            log "killing leftover slurmstepd (pid $pid)"
            kill -KILL "$pid" 2>/dev/null
        fi
    done
    # Any other process still working in the test's folders (a job's script).
    if [[ -n $TMP ]]; then
        for pid in /proc/[0-9]*; do
            pid=${pid#/proc/}
            [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$TMP"* ]] || continue
            [[ $pid -eq $$ ]] && continue
            log "killing leftover process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-100))"
            kill -KILL "$pid" 2>/dev/null
        done
    fi
    if [[ $CONF_WRITTEN -eq 1 ]]; then
        if [[ -e "$TMP/backup/slurm.conf" ]]; then
            cp -a "$TMP/backup/slurm.conf" "$SLURM_CONF" && log "restored $SLURM_CONF"
        else
            rm -f "$SLURM_CONF" && log "removed the test's $SLURM_CONF (there was none before)"
        fi
    fi
    if [[ $DBD_CONF_WRITTEN -eq 1 ]]; then
        if [[ -e "$TMP/backup/slurmdbd.conf" ]]; then
            cp -a "$TMP/backup/slurmdbd.conf" "$SLURMDBD_CONF" && log "restored $SLURMDBD_CONF"
        else
            rm -f "$SLURMDBD_CONF"
        fi
    fi
    [[ $CREATED_POLICY -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
    [[ $CREATED_RUN_MUNGE -eq 1 ]] && rmdir /run/munge 2>/dev/null
    # Check: nothing this test started is still running.
    sleep 0.5
    for entry in "${STARTED_PIDFILES[@]}"; do
        file=${entry#*:}
        [[ -s $file ]] || continue
        pid=$(<"$file")
        kill -0 "$pid" 2>/dev/null && leftover+=" ${entry%%:*}:$pid"
    done
    for pid in $(pgrep -x slurmstepd); do
        [[ $STEPD_BEFORE == *" $pid "* ]] || leftover+=" slurmstepd:$pid"
    done
    if [[ -n $leftover ]]; then
        log "ERROR: still running after cleanup:$leftover"
        ps -o pid,user,etime,args -p "$(echo "$leftover" | grep -o '[0-9]\+' | paste -sd,)"
        [[ $status -eq 0 ]] && status=1
    else
        log "no daemon or job of the test is left running (checked with ps/pgrep)"
    fi
    if [[ -n $TMP ]]; then
        if [[ $status -ne 0 || $KEEP = 1 ]]; then
            log "kept the test's folder (logs, work folders): $TMP"
        else
            rm -rf "$TMP"
        fi
    fi
    log "total duration $(since "$SCRIPT_START") s; $([[ $status -eq 0 ]] && echo passed || echo "FAILED (exit $status)")"
    exit "$status"
}
trap cleanup EXIT
trap 'log "error: line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR
trap 'log "interrupted (SIGINT)"; exit 130' INT
trap 'log "terminated (SIGTERM)"; exit 143' TERM

TMP=$(mktemp -d /tmp/wijkverbinders-cluster.XXXXXX)
chmod 755 "$TMP" # the munge (and mysql) user must reach their folders inside it
mkdir -p "$TMP/backup" "$TMP/slurm/state" "$TMP/slurm/spool" "$TMP/slurm/log" "$TMP/slurm/run" \
    "$TMP/work"
log "test folder: $TMP"

# --- 2. Packages --------------------------------------------------------------------------------
wanted=("${PACKAGES[@]}")
[[ $WITH_ACCOUNTING = 1 ]] && wanted+=("${ACCOUNTING_PACKAGES[@]}")
missing=()
for package in "${wanted[@]}"; do
    [[ $(dpkg-query -W -f='${Status}' "$package" 2>/dev/null) == "install ok installed" ]] ||
        missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing Debian packages: ${missing[*]}"
    start=$(now)
    # Keep the packages' services from being started (systemd or init scripts): this test
    # starts its own daemons and stops them again.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        CREATED_POLICY=1
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y --no-install-recommends "${missing[@]}"; } \
        >"$TMP/apt.log" 2>&1; then
        tail -n 30 "$TMP/apt.log" >&2
        fail "apt-get install ${missing[*]}"
    fi
    if [[ $CREATED_POLICY -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; CREATED_POLICY=0; fi
    log "installed in $(since "$start") s"
else
    log "Debian packages already installed: ${wanted[*]}"
fi
log "SLURM $(dpkg-query -W -f='${Version}' slurmctld)"

log "executor plugin: pip install \"$PLUGIN_REQUIREMENT\" into $VENV"
"$PYTHON" -m pip install --quiet --disable-pip-version-check "$PLUGIN_REQUIREMENT" ||
    fail "pip install $PLUGIN_REQUIREMENT"
log "$("$PYTHON" -m pip list --disable-pip-version-check 2>/dev/null |
    awk '/^snakemake(-executor-plugin-slurm)? /{printf "%s %s  ", $1, $2}')"

# --- 3. The cluster -----------------------------------------------------------------------------
wait_for() { # description seconds command...: run command until it succeeds
    local what=$1 seconds=$2 deadline
    shift 2
    deadline=$(($(date +%s) + seconds))
    until "$@" >/dev/null 2>&1; do
        if (($(date +%s) >= deadline)); then
            log "$what: not ready after $seconds s"
            return 1
        fi
        sleep 0.5
    done
}
show_daemon_logs() {
    local file
    for file in "$TMP"/munge/munged.log "$TMP"/slurm/log/*.log "$TMP"/mysql/error.log; do
        [[ -s $file ]] || continue
        echo "--- $file (last 20 lines)" >&2
        tail -n 20 "$file" >&2
    done
}
start_daemon() { # name pidfile command...: start a daemon that forks and writes its pid file
    local name=$1 file=$2
    shift 2
    "$@" || { show_daemon_logs; fail "could not start $name: $*"; }
    STARTED_PIDFILES+=("$name:$file")
    wait_for "$name pid file" "$DAEMON_WAIT" test -s "$file" || {
        show_daemon_logs
        fail "$name did not start"
    }
    log "$name started (pid $(<"$file"))"
}

mem_total=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)
real_memory=$((mem_total * 80 / 100))
max_request=$("$PYTHON" "$ROOT/tools/cluster/cluster_helpers.py" max-mem "$PROFILE")
((real_memory >= max_request)) ||
    fail "the node would offer $real_memory MB (80% of this machine's $mem_total MB), but the profile asks up to $max_request MB for a job"
((CPUS <= $(nproc))) || fail "CPUS=$CPUS, but this machine has $(nproc)"
STEPD_BEFORE=" $(pgrep -x slurmstepd | tr '\n' ' ' || true)"

# munge: the SLURM daemons and commands authenticate through it.
if pgrep -x munged >/dev/null && munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    log "munged already running (pid $(pgrep -x munged | head -1)): using it"
else
    if [[ ! -s /etc/munge/munge.key ]]; then # the package normally creates it
        log "creating the munge key /etc/munge/munge.key"
        runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key ||
            fail "no munge key at /etc/munge/munge.key, and mungekey could not create one"
    fi
    mkdir -p "$TMP/munge"
    chown munge:munge "$TMP/munge"
    chmod 700 "$TMP/munge"
    if [[ ! -d /run/munge ]]; then
        mkdir -p /run/munge
        CREATED_RUN_MUNGE=1
    fi
    chown munge:munge /run/munge
    chmod 755 /run/munge
    start_daemon munged "$TMP/munge/munged.pid" runuser -u munge -- /usr/sbin/munged \
        --pid-file="$TMP/munge/munged.pid" --log-file="$TMP/munge/munged.log" \
        --seed-file="$TMP/munge/munged.seed"
    wait_for "munge" 20 bash -c 'munge -n | unmunge' || { show_daemon_logs; fail "munge does not work"; }
fi

# The configuration must be at the default path: the plugin's job step clears every SLURM_*
# variable (SLURM_CONF too) before its nested srun.
mkdir -p /etc/slurm
[[ -e $SLURM_CONF ]] && cp -a "$SLURM_CONF" "$TMP/backup/slurm.conf"
[[ -e $SLURMDBD_CONF ]] && cp -a "$SLURMDBD_CONF" "$TMP/backup/slurmdbd.conf"
if [[ $WITH_ACCOUNTING = 1 ]]; then
    accounting="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=6819
AccountingStorageEnforce=associations
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=30"
else
    accounting="AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none"
fi
CONF_WRITTEN=1
cat >"$SLURM_CONF" <<EOF
# Written by tools/cluster/test_cluster.sh for a test; the original is put back afterwards.
ClusterName=$CLUSTER
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$TMP/slurm/state
SlurmdSpoolDir=$TMP/slurm/spool
SlurmctldPidFile=$TMP/slurm/run/slurmctld.pid
SlurmdPidFile=$TMP/slurm/run/slurmd.pid
SlurmctldLogFile=$TMP/slurm/log/slurmctld.log
SlurmdLogFile=$TMP/slurm/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# An impossible request is refused at once instead of pending forever.
EnforcePartLimits=ALL
# squeue shows a finished job this long (the plugin needs 3 x its first status-check delay).
MinJobAge=300
ReturnToService=2
JobCompType=jobcomp/none
$accounting
NodeName=localhost CPUs=$CPUS RealMemory=$real_memory State=UNKNOWN
PartitionName=$PARTITION Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
log "wrote $SLURM_CONF (node localhost: $CPUS CPUs, $real_memory MB; partition $PARTITION)"

if [[ $WITH_ACCOUNTING = 1 ]]; then
    # A private MariaDB (own data folder, socket and port) for slurmdbd.
    mkdir -p "$TMP/mysql/data"
    chown -R mysql:mysql "$TMP/mysql"
    db_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    mariadb-install-db --no-defaults --user=mysql --datadir="$TMP/mysql/data" \
        --auth-root-authentication-method=socket --skip-test-db >"$TMP/mysql/install.log" 2>&1 ||
        { tail -n 20 "$TMP/mysql/install.log" >&2; fail "mariadb-install-db"; }
    start_daemon mariadbd "$TMP/mysql/mariadbd.pid" bash -c '
        setsid "$(command -v mariadbd || echo /usr/sbin/mariadbd)" --no-defaults --user=mysql \
            --datadir="$1/data" --socket="$1/mysqld.sock" --pid-file="$1/mariadbd.pid" \
            --port=3317 --bind-address=127.0.0.1 --log-error="$1/error.log" \
            </dev/null >/dev/null 2>&1 &' _ "$TMP/mysql"
    wait_for "mariadb" "$DAEMON_WAIT" mariadb --no-defaults -S "$TMP/mysql/mysqld.sock" -u root \
        -e 'SELECT 1' || { show_daemon_logs; fail "mariadb does not answer"; }
    mariadb --no-defaults -S "$TMP/mysql/mysqld.sock" -u root -e "
        CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$db_password';
        GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';" || fail "creating the database user"
    DBD_CONF_WRITTEN=1
    install -m 600 /dev/null "$SLURMDBD_CONF"
    cat >"$SLURMDBD_CONF" <<EOF
# Written by tools/cluster/test_cluster.sh for a test; the original is put back afterwards.
AuthType=auth/munge
DbdHost=localhost
DbdPort=6819
SlurmUser=root
PidFile=$TMP/slurm/run/slurmdbd.pid
LogFile=$TMP/slurm/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=3317
StorageUser=slurm
StoragePass=$db_password
StorageLoc=slurm_acct_db
EOF
    start_daemon slurmdbd "$TMP/slurm/run/slurmdbd.pid" slurmdbd
    wait_for "slurmdbd" "$DAEMON_WAIT" sacctmgr -n list cluster ||
        { show_daemon_logs; fail "slurmdbd does not answer"; }
    sacctmgr -i add cluster "$CLUSTER" >/dev/null
    sacctmgr -i add account "$ACCOUNT" Description=test Organization=test >/dev/null
    sacctmgr -i add user root Account="$ACCOUNT" >/dev/null
    log "accounting: slurmdbd with MariaDB, account $ACCOUNT for root"
fi

start=$(now)
start_daemon slurmctld "$TMP/slurm/run/slurmctld.pid" slurmctld
start_daemon slurmd "$TMP/slurm/run/slurmd.pid" slurmd -N localhost
node_idle() { [[ $(sinfo -h -n localhost -o %T 2>/dev/null) == idle ]]; }
wait_for "node localhost" "$DAEMON_WAIT" node_idle || {
    sinfo -N -l >&2 || true
    show_daemon_logs
    fail "the SLURM node did not become idle"
}
log "cluster up in $(since "$start") s: $(sinfo -h -o '%P %D node(s) %c CPUs %m MB %T')"

# --- 4. Runs ------------------------------------------------------------------------------------
mapfile -t DEFAULT_RESOURCES < <("$PYTHON" "$ROOT/tools/cluster/cluster_helpers.py" \
    default-resources "$PROFILE" "slurm_account=$ACCOUNT" "slurm_partition=$PARTITION")
CLUSTER_ARGS=(--workflow-profile "$PROFILE" --default-resources "${DEFAULT_RESOURCES[@]}")
[[ -n $STATUS_INIT ]] && CLUSTER_ARGS+=(--slurm-init-seconds-before-status-checks "$STATUS_INIT")
[[ $WITH_ACCOUNTING = 1 ]] && CLUSTER_ARGS+=(--slurm-status-command sacct)
LOCAL_ARGS=(--workflow-profile "$LOCAL_PROFILE" --cores "$CPUS")

show_failure() { # work: what a failed run said, and what its SLURM jobs said
    local work=$1 file count=0
    echo "--- $work/snakemake.log (last 60 lines)" >&2
    tail -n 60 "$work/snakemake.log" >&2
    if [[ -d "$work/.snakemake/slurm_logs" ]]; then
        # Successful jobs' SLURM logs are removed: the ones left are the failed jobs'.
        while IFS= read -r file; do
            ((count++ < 5)) || break
            echo "--- SLURM job log $file (last 60 lines)" >&2
            tail -n 60 "$file" >&2
        done < <(find "$work/.snakemake/slurm_logs" -name '*.log' -printf '%T@ %p\n' |
            sort -rn | cut -d' ' -f2- || true)
        ((count > 0)) || echo "(no SLURM job logs left in $work/.snakemake/slurm_logs)" >&2
    fi
    if [[ $WITH_ACCOUNTING = 1 ]]; then
        echo "--- sacct: the jobs of the last hour" >&2
        sacct -S now-1hour -o JobID%12,JobName%12,State,ExitCode,Elapsed,MaxRSS,ReqMem >&2 || true
    fi
    while IFS= read -r file; do
        echo "--- rule log $file (last 30 lines)" >&2
        tail -n 30 "$file" >&2
    done < <(grep -rlE 'Traceback|Error' "$work/logs" 2>/dev/null | head -n 3 || true)
}

run() { # label work args...: one snakemake call, timed, logged to <work>/snakemake.log
    local label=$1 work=$2 start rc=0
    shift 2
    log "$label: snakemake $* (log: $work/snakemake.log)"
    start=$(now)
    # In the background (so that a signal reaches the traps at once), in its own process group
    # (timeout's), with SIGINT restored: background commands of a script ignore it.
    (cd "$work" && exec env --default-signal=INT timeout -s INT -k 60 "$RUN_TIMEOUT" \
        "$VENV_BIN/snakemake" --snakefile "$ROOT/Snakefile" --directory "$work" "$@") \
        >"$work/snakemake.log" 2>&1 &
    SNAKE_PID=$!
    wait "$SNAKE_PID" || rc=$?
    SNAKE_PID=""
    DURATION[$label]=$(since "$start")
    if [[ $rc -ne 0 ]]; then
        show_failure "$work"
        [[ $rc -eq 124 || $rc -eq 137 ]] &&
            fail "$label: snakemake did not finish within $RUN_TIMEOUT s (RUN_TIMEOUT)"
        fail "$label: snakemake failed (exit $rc) after ${DURATION[$label]} s"
    fi
    log "$label: done in ${DURATION[$label]} s"
}

# What is compared: every shareable table, the restricted segments table, every figure (PNG and
# SVG: drawn without dates, with a fixed SVG hash salt), the HTML report and the notebooks' HTML
# byte for byte; the tagger evaluation (evaluation.json) apart from the time it took. Not
# compared: the trained model (tagger.skops, a zip whose entries carry the time they were
# written) and the executed notebooks (.ipynb: each cell records when it ran).
COMPARED=()
compared_files() { # the files compared, relative to a work folder (from both runs)
    local work
    for work in "$@"; do
        (cd "$work" && ls results/tables/*.csv results/figures/*.png results/figures/*.svg \
            results/report/*.html results/notebooks/*.html 2>/dev/null) || true
    done
    printf '%s\n' results/tagging/evaluation.json results/restricted/segments.csv
}
compare() { # name cluster-work local-work
    local name=$1 a=$2 b=$3 file differ=0 files=()
    mapfile -t files < <(compared_files "$a" "$b" | sort -u)
    for file in "${files[@]}"; do
        if [[ ! -e "$a/$file" || ! -e "$b/$file" ]]; then
            log "$name: $file is missing from a run (cluster: $([[ -e "$a/$file" ]] && echo there || echo missing), local: $([[ -e "$b/$file" ]] && echo there || echo missing))"
            differ=1
        elif [[ $file == results/tagging/evaluation.json ]]; then
            # It records how long the evaluation took (data.seconds): the rest must be equal.
            if ! "$PYTHON" "$ROOT/tools/cluster/cluster_helpers.py" same-json "$a/$file" "$b/$file"
            then
                log "$name: $file differs (apart from its run time, data.seconds) between the cluster and the local run"
                differ=1
            fi
        elif ! cmp -s "$a/$file" "$b/$file"; then
            log "$name: $file differs between the cluster and the local run:"
            cmp "$a/$file" "$b/$file" || true
            diff <(head -c 20000 "$a/$file") <(head -c 20000 "$b/$file") | head -n 10 || true
            differ=1
        fi
    done
    [[ $differ -eq 0 ]] || fail "$name: results differ between the cluster and the local run"
    local tables figures pages
    tables=$(printf '%s\n' "${files[@]}" | grep -c '^results/tables/' || true)
    figures=$(printf '%s\n' "${files[@]}" | grep -c '^results/figures/' || true)
    pages=$(printf '%s\n' "${files[@]}" | grep -c '\.html$' || true)
    COMPARED+=("$name: ${#files[@]} files.")
    log "$name: the same on the cluster and locally: $tables tables results/tables/*.csv, $figures figures results/figures/*.png|svg, $pages HTML pages (results/report, results/notebooks) and results/restricted/segments.csv byte for byte (cmp); results/tagging/evaluation.json apart from its run time (data.seconds)"
}

CASES=(demo)
[[ $DOCUMENTS -gt 0 ]] && CASES+=("generated")
for case in "${CASES[@]}"; do
    cluster_work="$TMP/work/$case-cluster"
    local_work="$TMP/work/$case-local"
    mkdir -p "$cluster_work"
    extra=()
    if [[ $case = demo ]]; then
        # The repository's config.yaml as it is, and its data/ (never data/raw: real data).
        cp "$ROOT/config.yaml" "$cluster_work/"
        tar -C "$ROOT" --exclude=data/raw -cf - data | tar -C "$cluster_work" -xf -
        label_case="demo"
    else
        "$PYTHON" "$ROOT/tools/cluster/cluster_helpers.py" corpus "$cluster_work" \
            --documents "$DOCUMENTS" || fail "generating $DOCUMENTS transcripts"
        label_case="generated ($DOCUMENTS documents)"
        [[ $FULL = 1 ]] || { extra=(--omit-from notebook); label_case+=", without the notebooks"; }
    fi
    cp -a "$cluster_work" "$local_work"
    log "=== $label_case: $(find "$cluster_work" -path '*/_*' -prune -o -name '*.txt' -print | wc -l) transcripts"
    run "$case cluster" "$cluster_work" "${CLUSTER_ARGS[@]}" "${extra[@]}"
    run "$case local" "$local_work" "${LOCAL_ARGS[@]}" "${extra[@]}"
    compare "$case" "$cluster_work" "$local_work"
    log "$case: per rule, measured on the cluster (benchmarks/*.tsv; max_rss is sampled and can miss a short peak) and asked for (profile):"
    "$PYTHON" "$ROOT/tools/cluster/cluster_helpers.py" memory-report "$cluster_work" "$PROFILE"
done

# --- 5. Durations -------------------------------------------------------------------------------
echo
echo "Durations (SLURM node: $CPUS CPUs; local: --cores $CPUS; one run at a time):"
printf '  %-12s %10s %10s %8s\n' corpus "cluster s" "local s" ratio
for case in "${CASES[@]}"; do
    printf '  %-12s %10s %10s %8s\n' "$case" "${DURATION[$case cluster]}" \
        "${DURATION[$case local]}" \
        "$(awk -v a="${DURATION[$case cluster]}" -v b="${DURATION[$case local]}" \
            'BEGIN { printf "%.2f", a / b }')"
done
echo "  script so far: $(since "$SCRIPT_START") s (the total follows once the daemons are stopped)"
echo "Compared (cluster against local): ${COMPARED[*]}"
echo
