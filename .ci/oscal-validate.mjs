// Validates OSCAL documents against the official NIST OSCAL JSON schemas
// with ajv, the JSON Schema validator that reads patterns as ECMAScript
// regular expressions (so \s includes U+FEFF, unlike Go's).
//
// Usage: AJV_PREFIX=DIR node .ci/oscal-validate.mjs SCHEMA_DIR DOCUMENT...
//
// AJV_PREFIX is the directory ajv@8 and ajv-formats@3 were installed into
// with `npm install --prefix DIR`. Each document is checked against the
// schema of its root: catalog, profile, assessment-plan,
// assessment-results or plan-of-action-and-milestones. Exits 1 naming
// every document refused and why, 2 on bad usage.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const prefix = process.env.AJV_PREFIX;
const [schemaDir, ...docs] = process.argv.slice(2);
if (!prefix || !schemaDir || docs.length === 0) {
  console.error("usage: AJV_PREFIX=DIR node oscal-validate.mjs SCHEMA_DIR DOCUMENT...");
  process.exit(2);
}
const require = createRequire(join(prefix, "node_modules", "x.js"));
const Ajv = require("ajv").default;
const addFormats = require("ajv-formats").default;

const schemaFiles = {
  "catalog": "oscal_catalog_schema.json",
  "profile": "oscal_profile_schema.json",
  "assessment-plan": "oscal_assessment-plan_schema.json",
  "assessment-results": "oscal_assessment-results_schema.json",
  "plan-of-action-and-milestones": "oscal_poam_schema.json",
};

// The NIST schemas need strict mode off (they use keywords and formats
// strict mode refuses); formats are checked.
const validators = new Map();
function validatorFor(root) {
  if (!validators.has(root)) {
    const file = schemaFiles[root];
    if (!file) return null;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8"));
    validators.set(root, { file, validate: ajv.compile(schema) });
  }
  return validators.get(root);
}

let failed = 0;
for (const path of docs) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    console.error(`${path}: not JSON: ${err.message}`);
    failed++;
    continue;
  }
  const roots = Object.keys(doc).filter((k) => k !== "$schema");
  const v = roots.length === 1 ? validatorFor(roots[0]) : null;
  if (!v) {
    console.error(`${path}: not an OSCAL document this script knows (roots: ${roots.join(", ")})`);
    failed++;
    continue;
  }
  if (v.validate(doc)) {
    console.log(`${path}: valid (${v.file})`);
    continue;
  }
  failed++;
  console.error(`${path}: INVALID against ${v.file}:`);
  for (const e of v.validate.errors.slice(0, 20)) {
    console.error(`  ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
