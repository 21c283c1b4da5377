"""A shareable copy of an executed notebook (without Snakemake's first cell), and its HTML."""

import sys
from typing import TYPE_CHECKING

from wijkverbinders import stages

if TYPE_CHECKING:
    from snakemake.script import snakemake

sys.stderr = open(snakemake.log[0], "w")  # noqa: SIM115

stages.publish_notebook(
    snakemake.params.executed, ipynb=snakemake.output.ipynb, html=snakemake.output.html
)
