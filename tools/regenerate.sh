#!/usr/bin/env bash
# Regenerates src/Berth.Aws/Generated/*.cs from the service models listed in tools/generated-models.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/tools/Berth.ModelGen" --nologo -v quiet
while read -r model namespace output; do
  [[ -z "$model" || "$model" == \#* ]] && continue
  dotnet run --no-build --project "$root/tools/Berth.ModelGen" -- \
    "$root/models/$model" "$namespace" "$root/src/Berth.Aws/Generated/$output"
done < "$root/tools/generated-models.txt"
