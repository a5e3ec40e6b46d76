#!/usr/bin/env node
// Lint Neo4j-bound Cypher with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support, lintCypherQuery).
//
// Usage:
//   node lint.mjs [--strict] [--json] [--schema schema.json] FILE.cypher ...
//   echo '{"schema": {...}, "queries": [{"name": "x", "text": "MATCH (n) RETURN n"}]}' | node lint.mjs [--strict] [--json] -
// The schema is {labels: [...], relationshipTypes: [...], propertyKeys: [...]}; with it, unknown
// labels and relationship types are warnings, and --strict makes them errors. Each query may carry
// "params" ({name: example}); for files they are read from the `// param: NAME = EXAMPLE` header.
// Prints one line per diagnostic (name:line:col: error|warning: message), or a JSON report with
// --json. Exit status: 0 clean, 1 when any error was found, 2 on bad usage or input.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); if (i >= 0) args.splice(i, 1); return i >= 0; };
const strict = flag('--strict');
const asJson = flag('--json');
let schema = {};
const si = args.indexOf('--schema');
if (si >= 0) { schema = JSON.parse(readFileSync(args[si + 1], 'utf8')); args.splice(si, 2); }

let queries = [];
try {
  if (args.length === 0 || (args.length === 1 && args[0] === '-')) {
    const input = JSON.parse(readFileSync(0, 'utf8'));
    if (Array.isArray(input)) queries = input;
    else { queries = input.queries || []; schema = input.schema || schema; }
  } else {
    queries = args.map((path) => {
      const text = readFileSync(path, 'utf8');
      const params = {};  // kg's saved-query header: // param: NAME = EXAMPLE  (meaning)
      for (const m of text.matchAll(/^\/\/\s*param:\s*(\w+)\s*=\s*(.*?)\s*(?:\(.*\))?$/gm)) {
        params[m[1]] = Number.isNaN(Number(m[2])) ? m[2] : Number(m[2]);
      }
      return { name: path, text, params };
    });
  }
} catch (err) {
  console.error(`cypher-lint: cannot read input: ${err.message}`);
  process.exit(2);
}

const SCHEMA_MISS = /^(Label|Relationship type) .* is not present in the database/;
const report = [];
let errors = 0;
for (const [i, q] of queries.entries()) {
  const name = q.name || `query ${i + 1}`;
  // parameters the text uses must be declared (kg passes the saved query's examples or the write rows)
  const { diagnostics } = lintCypherQuery(String(q.text ?? ''), { ...schema, parameters: q.params || {} });
  for (const d of diagnostics) {
    const error = d.severity === 1 || (strict && SCHEMA_MISS.test(d.message));
    if (error) errors += 1;
    report.push({ name, line: d.range.start.line + 1, column: d.range.start.character + 1,
                  severity: error ? 'error' : 'warning', message: d.message });
  }
}
if (asJson) {
  console.log(JSON.stringify({ checked: queries.length, errors, diagnostics: report }, null, 2));
} else {
  for (const d of report) console.log(`${d.name}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
  console.log(`cypher-lint: ${queries.length} text(s) checked, ${errors} error(s), ${report.length - errors} warning(s)`);
}
process.exit(errors ? 1 : 0);
