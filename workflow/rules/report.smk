# Report: the study's claims against the data, executed reviewer notebooks (and their HTML),
# and the self-contained HTML report. All read shareable outputs only.


rule findings:
    input:
        segments=outputs.TABLES["segments"].path,
        by_municipality_and_source=outputs.TABLES[
            "code_by_municipality_and_source_type"
        ].path,
        by_source=outputs.TABLES["code_by_source_type"].path,
        codebook=config["codebook"],
    output:
        findings=reported_table("findings"),
        triangulation=reported_table("triangulation"),
        saturation=reported_table("saturation"),
    log:
        "logs/findings.log",
    benchmark:
        "benchmarks/findings.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        findings={
            "supported": FINDINGS["supported"],
            "partly": FINDINGS["partly"],
            "margin": FINDINGS["triangulation_margin"],
            "orders": FINDINGS["saturation_orders"],
        },
    script:
        "../scripts/findings.py"


# Each reviewer notebook, executed by Snakemake (a failing cell stops the run and shows the
# cell and its error). The executed notebook is restricted (Snakemake's first cell holds the
# config); a copy without that cell, and its HTML, are shareable.
rule notebook:
    input:
        unpack(notebook_inputs),
    output:
        touch(f"{outputs.RESTRICTED}/notebooks/{{name}}.done"),
    log:
        notebook=f"{outputs.RESTRICTED}/notebooks/{{name}}.ipynb",
    benchmark:
        "benchmarks/notebook/{name}.tsv"
    wildcard_constraints:
        name="|".join(outputs.NOTEBOOKS),
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1500,
        runtime=10,
    notebook:
        "../../notebooks/{wildcards.name}.ipynb"


rule publish_notebook:
    input:
        f"{outputs.RESTRICTED}/notebooks/{{name}}.done",
    output:
        ipynb=f"{outputs.EXECUTED_NOTEBOOKS}/{{name}}.ipynb",
        html=report(
            f"{outputs.EXECUTED_NOTEBOOKS}/{{name}}.html",
            caption="../report/notebook.rst",
            category="Notebooks",
            labels={"notebook": "{name}"},
        ),
    log:
        "logs/publish_notebook/{name}.log",
    wildcard_constraints:
        name="|".join(outputs.NOTEBOOKS),
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        executed=f"{outputs.RESTRICTED}/notebooks/{{name}}.ipynb",
    script:
        "../scripts/publish_notebook.py"


rule report:
    input:
        **REPORT_TABLES,
        figures=[p for p in figure_files() if p.endswith(".svg")]
        + [p for p in outputs.EVALUATION_FIGURES if p.endswith(".svg")],
        evaluation=outputs.EVALUATION,
        model_info=[] if METHOD == "rules" else outputs.MODEL_INFO,
        codebook=config["codebook"],
    output:
        report(
            outputs.REPORT,
            caption="../report/report.rst",
            category="Report",
            labels={"page": "index.html"},
        ),
    log:
        "logs/report.log",
    benchmark:
        "benchmarks/report.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        findings=FINDINGS,
    script:
        "../scripts/report.py"
