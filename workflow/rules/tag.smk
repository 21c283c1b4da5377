# Tag: Dutch NLP and code suggestions, batch by batch (one spaCy load per batch).


rule annotate:
    input:
        outputs.parsed_batch("{batch}"),
    output:
        outputs.annotated_batch("{batch}"),
    log:
        "logs/annotate/{batch}.log",
    benchmark:
        "benchmarks/annotate/{batch}.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1500,
        runtime=20,
    script:
        "../scripts/annotate.py"


rule suggest:
    input:
        annotations=outputs.annotated_batch("{batch}"),
        codebook=config["codebook"],
    output:
        outputs.suggested_batch("{batch}"),
    log:
        "logs/suggest/{batch}.log",
    benchmark:
        "benchmarks/suggest/{batch}.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1500,
        runtime=20,
    params:
        min_indicators=config["tagger"]["min_indicators"],
    script:
        "../scripts/suggest.py"


rule gather_suggestions:
    input:
        suggestion_parts(),
    output:
        outputs.TABLES["suggestions"].path,
    log:
        "logs/gather_suggestions.log",
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/gather_suggestions.py"
