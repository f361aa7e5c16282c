// Time the Digital Credentials Consortium's issuer (@digitalcredentials/vc, eddsa-rdfc-2022)
// and verifier (verifier-core) on one credential; print {"issue_ms": median, "verify_ms": ...}.
//   node bench.mjs CREDENTIAL.json [ROUNDS]
// The credential is unsigned; its issuer id is replaced by the generated key's did:key.
import {readFileSync} from 'node:fs';
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
console.error = console.log;
import './loader.mjs';
import * as vc from '@digitalcredentials/vc';
import {DataIntegrityProof} from '@digitalcredentials/data-integrity';
import {cryptosuite} from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import {securityLoader} from '@digitalcredentials/security-document-loader';
import {verifyCredential} from '@digitalcredentials/verifier-core';

const [file, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 200);
const template = JSON.parse(readFileSync(file, 'utf8'));
const documentLoader = securityLoader().build();
const seed = new Uint8Array(32).fill(7);
const keyPair = await Ed25519Multikey.generate({seed});
const did = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.controller = did;
keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
const suite = new DataIntegrityProof({signer: keyPair.signer(), cryptosuite});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function issueOne(i) {
  const credential = structuredClone(template);
  credential.id = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  credential.issuer = {...credential.issuer, id: did};
  return vc.issue({credential, suite, documentLoader});
}

const signedOnes = [];
const issueTimes = [];
for(let i = 0; i < rounds + 20; i++) {
  const start = performance.now();
  const signed = await issueOne(i);
  const elapsed = performance.now() - start;
  if(i >= 20) {
    issueTimes.push(elapsed);
    signedOnes.push(signed);
  }
}
const verifyTimes = [];
let verified = 0;
for(let i = 0; i < signedOnes.length; i++) {
  const start = performance.now();
  const result = await verifyCredential({credential: signedOnes[i], knownDIDRegistries: []});
  const elapsed = performance.now() - start;
  if(!result.errors) {
    verified++;
  }
  verifyTimes.push(elapsed);
}
process.stdout.write(JSON.stringify({
  issue_ms: median(issueTimes), verify_ms: median(verifyTimes), rounds: signedOnes.length,
  verified,
}) + '\n');
