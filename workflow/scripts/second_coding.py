"""Pair the independent codings of double-coded documents; agreement per code."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.second_coding(
    snakemake.input.parsed,
    snakemake.input.second_parsed,
    codebook=snakemake.input.codebook,
    pairs_output=snakemake.output.pairs,
    outputs_by_name={
        name: getattr(snakemake.output, name)
        for name in ("agreement_segments", "agreement_documents", "disagreements")
    },
)
