"""Comparative tables of human codes."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.comparative_tables(
    snakemake.input.parsed,
    codebook=snakemake.input.codebook,
    by_municipality=snakemake.output.by_municipality,
    by_job_title=snakemake.output.by_job_title,
    by_source_type=snakemake.output.by_source_type,
    cooccurrence=snakemake.output.cooccurrence,
)
