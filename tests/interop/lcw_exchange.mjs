// The Learner Credential Wallet's receive path, as its app/lib/exchanges.ts runs it, with the
// DCC libraries it signs with: read the vcapi URL (a `dccrequest://request?request=` deep
// link, or a VCALM interaction URL), POST {} to the exchange, answer a DIDAuthentication
// request with a presentation signed by a fresh did:key (challenge and domain of the
// request), and print one JSON document: {holder, steps: [{status, body}...]}.
//   node lcw_exchange.mjs LINK [--suite ed25519-2020|eddsa-rdfc-2022] [--challenge X]
//                              [--domain X] [--replay]
// --replay posts the same signed presentation a second time (a replayed exchange).
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
console.error = console.log;
import {documentLoader} from './loader.mjs';
import * as vc from '@digitalcredentials/vc';
import {Ed25519Signature2020} from '@digitalcredentials/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from '@digitalcredentials/ed25519-verification-key-2020';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import {DataIntegrityProof} from '@digitalcredentials/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';

const args = process.argv.slice(2);
const option = name => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const link = args[0];

async function vcapiUrl(text) {
  if(text.includes('request=')) {
    const request = JSON.parse(new URL(text).searchParams.get('request'));
    return request.protocols.vcapi;
  }
  const response = await fetch(text, {headers: {Accept: 'application/json'}});
  const body = await response.json();
  if(!body.protocols?.vcapi) {
    throw new Error('No supported protocol found. Only "vcapi" is currently supported.');
  }
  return body.protocols.vcapi;
}

async function holderSuite(kind) {
  if(kind === 'eddsa-rdfc-2022') {
    const key = await Ed25519Multikey.generate();
    const did = `did:key:${key.publicKeyMultibase}`;
    key.id = `${did}#${key.publicKeyMultibase}`;
    key.controller = did;
    return {did, suite: new DataIntegrityProof({signer: key.signer(), cryptosuite: eddsaRdfc2022})};
  }
  const key = await Ed25519VerificationKey2020.generate();
  const did = `did:key:${key.publicKeyMultibase}`;
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  return {did, suite: new Ed25519Signature2020({key})};
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body, null, 2)});
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = {text};
  }
  return {status: response.status, body: parsed};
}

const url = await vcapiUrl(link);
const {did, suite} = await holderSuite(option('suite') ?? 'ed25519-2020');
const steps = [await post(url, {})];
const request = steps[0].body.verifiablePresentationRequest;
if(request) {
  const presentation = vc.createPresentation({holder: did, version: 1.0});
  const signed = await vc.signPresentation({
    presentation, suite, documentLoader,
    challenge: option('challenge') ?? request.challenge,
    domain: option('domain') ?? request.domain,
  });
  const target = request.interact?.service?.[0]?.serviceEndpoint ?? url;
  steps.push(await post(target, {verifiablePresentation: signed}));
  if(args.includes('--replay')) {
    steps.push(await post(target, {verifiablePresentation: signed}));
  }
}
process.stdout.write(JSON.stringify({holder: did, steps}) + '\n');
