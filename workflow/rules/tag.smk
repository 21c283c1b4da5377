# Tag: Dutch NLP and code suggestions, batch by batch (one process and one spaCy load for both).


rule annotate:
    input:
        parsed=outputs.parsed_batch("{batch}"),
        codebook=config["codebook"],
    output:
        annotations=outputs.annotated_batch("{batch}"),
        suggestions=outputs.suggested_batch("{batch}"),
    log:
        "logs/annotate/{batch}.log",
    benchmark:
        "benchmarks/annotate/{batch}.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=1500,
        runtime=20,
    params:
        min_indicators=config["tagger"]["min_indicators"],
    script:
        "../scripts/annotate.py"


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
