# Wijkverbinders: coded transcripts in, comparative tables and figures out.
# Run with `make run` (or `snakemake --cores all`); on a cluster add
# `--workflow-profile workflow/profiles/slurm`.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config.yaml"


report: "workflow/report/workflow.rst"


# Jobs find the environment's tools (jupyter-nbconvert for the notebooks) on PATH.
envvars:
    "PATH",


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/tag.smk"
include: "workflow/rules/analyse.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        all_targets(),
