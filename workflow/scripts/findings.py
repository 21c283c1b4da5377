"""The study's claims against the coded data, triangulation and code saturation."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.findings(
    snakemake.input.segments,
    codebook=snakemake.input.codebook,
    by_municipality_and_source=snakemake.input.by_municipality_and_source,
    by_source=snakemake.input.by_source,
    outputs_by_name=dict(snakemake.output.items()),
    **snakemake.params.findings,
)
