"""Grouped cross-validation of the tagger against the human codes."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.evaluate_tagger(
    list(snakemake.input.parsed),
    list(snakemake.input.annotations),
    bank=snakemake.input.bank,
    codebook=snakemake.input.codebook,
    json_output=snakemake.output.evaluation,
    table_output=snakemake.output.table,
    figure_outputs=list(snakemake.output.figures),
    schemes=snakemake.params.schemes,
    methods=snakemake.params.methods,
    max_segments=snakemake.params.max_segments,
    max_folds=snakemake.params.max_folds,
)
