"""The self-contained HTML report for reviewers (shareable outputs only)."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import outputs, stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

named = dict(snakemake.input.items())
stages.report(
    tables={
        k: v for k, v in named.items() if k in (*outputs.REPORT_TABLES, *outputs.AGREEMENT_TABLES)
    },
    figures=list(snakemake.input.figures),
    evaluation=snakemake.input.evaluation,
    model_info=snakemake.input.model_info or None,
    codebook=snakemake.input.codebook,
    output=snakemake.output[0],
    settings=dict(snakemake.params.findings),
)
