# Tag: Dutch NLP per document, then code suggestions for all segments in one table.


rule annotate:
    input:
        "results/restricted/parsed/{doc}.json",
    output:
        "results/restricted/nlp/{doc}.json",
    log:
        "logs/annotate/{doc}.log",
    benchmark:
        "benchmarks/annotate/{doc}.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../scripts/annotate.py"


rule suggest:
    input:
        annotations=annotated_documents(),
        codebook=config["codebook"],
    output:
        "results/tables/suggestions.csv",
    log:
        "logs/suggest.log",
    benchmark:
        "benchmarks/suggest.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        min_indicators=config["tagger"]["min_indicators"],
    script:
        "../scripts/suggest.py"
