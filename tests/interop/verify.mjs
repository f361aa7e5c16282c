// Verify credentials with the two JavaScript judges; print one JSON array of verdicts.
//   node verify.mjs FILE.json...
// verifier-core: the Digital Credentials Consortium verifier (its own bundled loader).
// digitalbazaar: @digitalbazaar/vc + data-integrity + eddsa-rdfc-2022 (safe mode), fed the
// contexts apprenance ships. Both offline: only loopback URLs are fetched (see loader.mjs).
import {readFileSync} from 'node:fs';
// The libraries log (schema fetch failures ...): keep stdout for the one JSON answer.
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
console.error = console.log;
import {documentLoader} from './loader.mjs';
import {verifyCredential as dccVerify} from '@digitalcredentials/verifier-core';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

function dccVerdict(result) {
  if(result.errors?.length) {
    return {verified: false, errors: result.errors.map(e => `${e.name}: ${e.message}`)};
  }
  const failed = (result.log ?? []).filter(
    entry => entry.id !== 'registered_issuer' && entry.valid === false);
  return {verified: failed.length === 0, errors: failed.map(e => e.id)};
}

async function verifyWithDigitalBazaar(credential) {
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus: undefined,
  });
  const errors = [];
  const collect = error => {
    if(!error) {
      return;
    }
    for(const e of error.errors ?? [error]) {
      errors.push(String(e.message ?? e));
    }
  };
  collect(result.error);
  for(const r of result.results ?? []) {
    collect(r.error);
  }
  return {verified: result.verified === true, errors};
}

const out = [];
for(const file of process.argv.slice(2)) {
  const credential = JSON.parse(readFileSync(file, 'utf8'));
  let dcc;
  let bazaar;
  try {
    dcc = dccVerdict(await dccVerify({credential, knownDIDRegistries: []}));
  } catch(e) {
    dcc = {verified: false, errors: [String(e.message ?? e)]};
  }
  try {
    bazaar = await verifyWithDigitalBazaar(credential);
  } catch(e) {
    bazaar = {verified: false, errors: [String(e.message ?? e)]};
  }
  out.push({file, verifierCore: dcc, digitalbazaar: bazaar});
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
