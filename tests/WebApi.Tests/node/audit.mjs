// Runs the graphql-http server audits (GraphQL over HTTP spec conformance) against a URL and
// prints one JSON report to stdout: every audit with its id, name, requirement level and outcome.
// Usage: node audit.mjs http://127.0.0.1:5000/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

async function describeResponse(response) {
  if (!response) {
    return null;
  }

  let body = null;
  try {
    body = (await response.clone().text()).slice(0, 500);
  } catch {
    // Some audits have read the body already.
  }

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  };
}

const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const requirement = audit.name.split(' ', 1)[0];
  try {
    const result = await audit.fn();
    results.push({
      id: result.id,
      name: result.name,
      requirement,
      ok: result.status === 'ok',
      status: result.status,
      reason: result.status === 'ok' ? null : result.reason,
      response: result.status === 'ok' ? null : await describeResponse(result.response),
    });
  } catch (error) {
    // graphql-http throws (rather than failing the audit) on fatal problems such as a refused
    // connection; report it as a failure of that audit.
    results.push({
      id: audit.id,
      name: audit.name,
      requirement,
      ok: false,
      status: 'fatal',
      reason: String(error?.stack ?? error),
      response: null,
    });
  }
}

const summary = {};
for (const { requirement, ok } of results) {
  summary[requirement] ??= { passed: 0, failed: 0 };
  summary[requirement][ok ? 'passed' : 'failed'] += 1;
}

process.stdout.write(JSON.stringify({ url, summary, results }, null, 2) + '\n');
