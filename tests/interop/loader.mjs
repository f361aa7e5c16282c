// Offline plumbing shared by the interop scripts: a fetch that only reaches loopback
// addresses (https on loopback is read over plain http), and a JSON-LD document loader fed
// from the contexts apprenance ships, did:key, and did:web / https over loopback.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'src', 'apprenance', 'data', 'contexts');
const index = JSON.parse(readFileSync(join(contextsDir, 'index.json'), 'utf8'));
export const contexts = new Map(Object.entries(index).map(
  ([url, entry]) => [url, JSON.parse(readFileSync(join(contextsDir, entry.file), 'utf8'))]));

const realFetch = globalThis.fetch;
const isLoopback = host => host === 'localhost' || host === '[::1]' || host.startsWith('127.');

export function loopbackUrl(url) {
  const parsed = new URL(url);
  if(!isLoopback(parsed.hostname)) {
    return null;
  }
  if(parsed.protocol === 'https:') {
    parsed.protocol = 'http:';
  }
  return parsed.toString();
}

// Everything that is not loopback is refused: the run stays offline.
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input.url ?? String(input);
  const local = loopbackUrl(url);
  if(local === null) {
    throw new TypeError(`offline: refusing to fetch ${url}`);
  }
  return realFetch(local, init);
};

const didKey = didKeyDriver();
didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

function didWebUrl(did) {
  const parts = did.split('#')[0].slice('did:web:'.length).split(':').map(decodeURIComponent);
  const path = parts.slice(1).join('/');
  return `https://${parts[0]}/${path ? path + '/did.json' : '.well-known/did.json'}`;
}

async function fetchJson(url) {
  const response = await globalThis.fetch(url);
  if(!response.ok) {
    throw new Error(`HTTP ${response.status} for ${url}`);
  }
  return response.json();
}

export async function documentLoader(url) {
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
  }
  if(url.startsWith('did:key:')) {
    return {contextUrl: null, documentUrl: url, document: await didKey.get({url})};
  }
  if(url.startsWith('did:web:')) {
    const document = await fetchJson(didWebUrl(url));
    if(!url.includes('#')) {
      return {contextUrl: null, documentUrl: url, document};
    }
    const methods = [...(document.verificationMethod ?? []), ...(document.assertionMethod ?? [])];
    const method = methods.find(m => typeof m === 'object' && m.id === url);
    if(!method) {
      throw new Error(`${url} not found in its DID document`);
    }
    return {contextUrl: null, documentUrl: url, document: {
      '@context': 'https://w3id.org/security/multikey/v1', ...method}};
  }
  if(url.startsWith('http://') || url.startsWith('https://')) {
    return {contextUrl: null, documentUrl: url, document: await fetchJson(url)};
  }
  throw new Error(`offline document loader: refusing ${url}`);
}
