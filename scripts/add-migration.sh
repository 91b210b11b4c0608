#!/usr/bin/env bash
# Adds a migration named NAME for every database provider whose migrations lag behind the model:
# SQLite's in src/HelpAsk.Web/Data/Migrations, PostgreSQL's in src/HelpAsk.Web/Data/Migrations/PostgreSql.
#   scripts/add-migration.sh NAME
# Uses the repository's dotnet-ef (dotnet-tools.json). No database is needed: the PostgreSQL connection string
# below is only there because the app requires one, and is never opened.
set -euo pipefail

name="${1:?usage: scripts/add-migration.sh NAME}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

dotnet tool restore >/dev/null
dotnet build src/HelpAsk.Web -c Debug -nologo -clp:ErrorsOnly

# ef COMMAND... -- APP ARGS...: the project options go before the "--" that starts the app's own arguments.
ef() {
    local ef_args=() rest=()
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do ef_args+=("$1"); shift; done
    rest=("$@")
    dotnet ef "${ef_args[@]}" --project src/HelpAsk.Web --no-build "${rest[@]}"
}

added=0
for provider in Sqlite PostgreSQL; do
    app_args=(-- "--Database:Provider=$provider")
    if [ "$provider" = PostgreSQL ]; then
        app_args+=("--ConnectionStrings:HelpAsk=Host=localhost")
        folder=Data/Migrations/PostgreSql
        namespace=HelpAsk.Web.Data.Migrations.PostgreSql
    else
        app_args+=("--ConnectionStrings:HelpAsk=Data Source=:memory:")
        folder=Data/Migrations
        namespace=HelpAsk.Web.Data.Migrations
    fi

    if ef migrations has-pending-model-changes "${app_args[@]}" >/dev/null 2>&1; then
        echo "$provider: no model changes to migrate."
        continue
    fi

    ef migrations add "$name" --output-dir "$folder" --namespace "$namespace" "${app_args[@]}"
    added=$((added + 1))
done

echo "Added $added migration(s). Check them, then: dotnet test tests/HelpAsk.Web.Tests --filter FullyQualifiedName~MigrationsTests"
