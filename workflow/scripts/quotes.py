"""Exemplar quotes per code and municipality, pseudonymised (deduce loaded once)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.quotes(
    list(snakemake.input.parsed),
    codebook=snakemake.input.codebook,
    output=snakemake.output.quotes,
    counts_output=snakemake.output.counts,
    allow=list(snakemake.params.allow),
    deny=list(snakemake.params.deny),
    per_cell=int(snakemake.params.per_cell),
)
