# Tag: the suggestions of all batches in one table (each batch is tagged in process_batch).


rule gather_suggestions:
    input:
        suggestion_parts(),
    output:
        outputs.TABLES["suggestions"].path,
    log:
        "logs/gather_suggestions.log",
    benchmark:
        "benchmarks/gather_suggestions.tsv"
    conda:
        "../../environment.yml"
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/gather_suggestions.py"
