// @digitalbazaar/vc (safe mode, eddsa-rdfc-2022) with a Bitstring Status List check, for the
// credentials apprenance issues; prints one JSON array of verdicts.
//   node verify_status.mjs FILE.json...
// The status list credential is fetched through the offline loader (loopback only), verified
// itself, and the credential's bit read from its gzip+base64url encodedList.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
console.error = console.log;
import {documentLoader} from './loader.mjs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const suite = () => new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

async function checkStatus({credential}) {
  const entries = [].concat(credential.credentialStatus ?? []);
  for(const entry of entries) {
    if(entry.type !== 'BitstringStatusListEntry') {
      return {verified: false, error: new Error(`unsupported status ${entry.type}`)};
    }
    const {document: list} = await documentLoader(entry.statusListCredential);
    const checked = await vc.verifyCredential({credential: list, suite: suite(), documentLoader});
    if(!checked.verified) {
      return {verified: false, error: new Error('the status list credential does not verify')};
    }
    if(list.credentialSubject.statusPurpose !== entry.statusPurpose) {
      return {verified: false, error: new Error('status purpose mismatch')};
    }
    const encoded = list.credentialSubject.encodedList.replace(/^u/, '');
    const bits = gunzipSync(Buffer.from(encoded, 'base64url'));
    const index = Number(entry.statusListIndex);
    if(bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) {
      return {verified: false, error: new Error(`status: ${entry.statusPurpose} (bit ${index})`)};
    }
  }
  return {verified: true};
}

const out = [];
for(const file of process.argv.slice(2)) {
  const credential = JSON.parse(readFileSync(file, 'utf8'));
  const errors = [];
  let verified = false;
  try {
    const result = await vc.verifyCredential({
      credential, suite: suite(), documentLoader, checkStatus});
    verified = result.verified === true;
    for(const e of [result.error, ...(result.results ?? []).map(r => r.error)]) {
      for(const inner of e ? (e.errors ?? [e]) : []) {
        errors.push(String(inner.message ?? inner));
      }
    }
    if(result.statusResult && !result.statusResult.verified) {
      errors.push(String(result.statusResult.error?.message ?? 'status'));
    }
  } catch(e) {
    errors.push(String(e.message ?? e));
  }
  out.push({file, digitalbazaar: {verified, errors}});
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
