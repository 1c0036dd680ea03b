#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer with AddressSanitizer) of watop's input parsers: the GET
# query, the JSON body, the form body and the filter language. Each target starts from the
# seed corpus in Fuzz/corpus/TARGET (the spec's payloads); new inputs stay in a scratch copy.
# Besides crashes, a target fails when an accepted callback does not print as valid JSON or
# its journal line does not rebuild the same event (Fuzz/FuzzChecks.swift).
# Usage: scripts/fuzz.sh TARGET|all SECONDS
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh query|json|form|filter|all SECONDS}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}

# The parsers and what they use: the part of WatopCore that needs no other module.
core=(CallbackEvent CallbackField CallbackParser CallbackRejection DeliveryStatus FormDecoding JSONParser
    JSONValue ReportedPrice UnixTime EventJSON JournalRecord EventFilter FilterCondition FilterError FilterField
    FilterParser FilterPattern FilterTerm TimeBound DurationText FreeText CallbackBatch CallbackFormat KaleyraV1Mapping KaleyraV2Mapping
    MetaValueMapping MetaWebhookMapping TwilioMapping CallbackEvents StatusSet StatusClass PhoneNumber EventFields RawRequest
    LifecycleLink MessageLifecycle ASCII ByteCursor ByteSearch UnsafeBufferPointer+Lending ForwardCondition ForwardRecord ForwardAttempt
    ProviderError Notice MetaNoticeMapping CallingCode CountryCondition MessageCondition MessageState)
sources=()
for file in "${core[@]}"; do sources+=(Sources/WatopCore/*/"$file.swift"); done

fuzz() {
    local name=$1 entry
    case $name in
    query) entry=FuzzQuery ;;
    json) entry=FuzzJSON ;;
    form) entry=FuzzForm ;;
    filter) entry=FuzzFilter ;;
    *) echo "unknown fuzz target $name (query, json, form, filter)" >&2; exit 2 ;;
    esac
    mkdir -p .build-fuzz
    # lld: gold warns about every AddressSanitizer runtime symbol it links.
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name WatopCore -use-ld=lld \
        "${sources[@]}" Fuzz/FuzzChecks.swift "Fuzz/$entry.swift" -o ".build-fuzz/$name"
    local corpus
    corpus=$(mktemp -d)
    cp "Fuzz/corpus/$name"/* "$corpus/"
    local status=0
    ".build-fuzz/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix=".build-fuzz/$name-" "$corpus" >".build-fuzz/$name.log" 2>&1 || status=$?
    local runs coverage
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' ".build-fuzz/$name.log" | grep -o '[0-9]*$' || echo 0)
    coverage=$(grep -o 'cov: [0-9]*' ".build-fuzz/$name.log" | tail -n 1 | grep -o '[0-9]*' || echo 0)
    rm -rf "$corpus"
    if [ "$status" -ne 0 ]; then
        echo "fuzz $name: FAILED after $runs runs; see .build-fuzz/$name.log and the artifact .build-fuzz/$name-*"
        grep -m 5 -E 'ERROR|Fatal error|SUMMARY' ".build-fuzz/$name.log" || true
        return 1
    fi
    echo "fuzz $name: $runs runs in ${seconds}s, coverage $coverage edges, no failure"
}

if [ "$target" = all ]; then
    failed=0
    for name in query json form filter; do fuzz "$name" || failed=1; done
    exit $failed
fi
fuzz "$target"
