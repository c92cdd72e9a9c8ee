// Runs the official CSAF 2.0 validator (BSI's csaf-validator-lib) on documents read
// from standard input as one JSON array: the strict schema test and every mandatory
// test of CSAF 2.0 section 6.1 on each. Prints one JSON line,
// [{"tests": N, "errors": [{test, path, message}, ...]}, ...] in the input's order,
// and exits 0 when it could judge them (valid or not), 2 when the input is not a
// JSON array. Called by the Rust export tests (crates/embargo-drafts/tests/support/
// schemas.rs) once per test with all its documents: loading the validator compiles
// its schemas (seconds), judging a document takes milliseconds.
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
let documents;
try {
  documents = JSON.parse(Buffer.concat(chunks).toString('utf8'));
} catch (error) {
  process.stderr.write(`csaf-validate: standard input is not JSON: ${error.message}\n`);
  process.exit(2);
}
if (!Array.isArray(documents)) {
  process.stderr.write('csaf-validate: standard input must be a JSON array of CSAF documents\n');
  process.exit(2);
}

const tests = [csaf_2_0_strict, ...Object.values(mandatory)];
const results = [];
for (const document of documents) {
  const result = await validateStrict(tests, document);
  results.push({
    tests: result.tests.length,
    errors: result.tests.flatMap((test) =>
      test.errors.map((error) => ({ test: test.name, path: error.instancePath, message: error.message })),
    ),
  });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
