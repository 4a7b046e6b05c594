/**
 * The public case page's check (一案一码): rebuilds each record event's leaf from what the page shows, fetches the
 * latest signed checkpoint and an inclusion proof per leaf, and verifies — in this browser, with WebCrypto — the
 * checkpoint's Ed25519 signature and that every leaf is in the signed tree. Says in plain words what was checked
 * (已验证, or which records failed); the checkpoint, root hash and signing key go into the folded 技术信息.
 */
import { shanghaiFormat } from '../../common/dates.js';
import { hexToBytes, leafHash, verifyInclusion, webCryptoSha256 } from '../../common/merkle.js';
import type { PublicActiveCase } from '../../common/contracts/portal.contract.js';
import type {
  Checkpoint,
  InclusionProof,
  TransparencyPublicKey,
} from '../../common/contracts/transparency.contract.js';
import { checkpointMessage, leafBytes } from '../../common/transparency-leaf.js';

/** What the page embeds (#case-data): the public case's code, its logged events and how many are not yet. */
type PageData = Pick<PublicActiveCase, 'caseCode' | 'events'> & Partial<Pick<PublicActiveCase, 'unlogged'>>;

/** How long the page waits for the sequencer (which signs every few seconds) before it gives up. */
const WAIT_TRIES = 8;
const WAIT_MS = 3000;

const status = document.getElementById('verify') as HTMLElement;
const detail = document.getElementById('verify-detail') as HTMLElement;
const tech = document.getElementById('verify-tech-result');

/** Adds term/value rows to the folded technical details (text only, never HTML). */
function techRows(rows: [string, string][]) {
  if (!tech) return;
  for (const [term, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.className = 'mono';
    dd.textContent = value;
    tech.append(dt, dd);
  }
}

function show(state: 'verified' | 'failed' | 'pending', title: string, text: string) {
  status.textContent = title;
  status.dataset.state = state;
  status.className = `status ${state === 'verified' ? 'valid' : state === 'pending' ? 'pending' : 'failed'}`;
  detail.textContent = text;
}

const base64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const when = shanghaiFormat({ dateStyle: 'long', timeStyle: 'medium', hourCycle: 'h23' });

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} → HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function run() {
  const data = JSON.parse((document.getElementById('case-data') as HTMLElement).textContent ?? '{}') as PageData;
  // a record the signed log does not hold cannot be vouched for: wait a little for the sequencer, then say so
  const unlogged = data.unlogged ?? 0;
  const tries = `zhifa-verify-wait:${data.caseCode}`;
  if (unlogged > 0) {
    const n = Number(sessionStorage.getItem(tries) ?? '0');
    if (n < WAIT_TRIES) {
      sessionStorage.setItem(tries, String(n + 1));
      show('pending', '正在等待登记', `本案有 ${unlogged} 条办案记录尚未进入平台签名的透明日志，稍候自动重新核验…`);
      setTimeout(() => location.reload(), WAIT_MS);
      return;
    }
    sessionStorage.removeItem(tries);
    show(
      'failed',
      '无法核验',
      `本案有 ${unlogged} 条办案记录不在平台签名的透明日志中，本页所示内容无法核验。请拨打 12345 反映。`,
    );
    return;
  }
  sessionStorage.removeItem(tries);
  if (!globalThis.crypto?.subtle) {
    show('failed', '无法核验', '此浏览器无法完成核验。请使用较新的浏览器，或通过 HTTPS 打开本页。');
    techRows([['原因', '浏览器不提供 WebCrypto（crypto.subtle）']]);
    return;
  }
  const [checkpoint, key] = await Promise.all([
    getJson<Checkpoint>('/api/v1/transparency/checkpoint'),
    getJson<TransparencyPublicKey>('/api/v1/transparency/public-key'),
  ]);
  techRows([
    ['检查点', `第 ${checkpoint.treeSize} 号（${when(checkpoint.timestamp)} 签名）`],
    ['日志根哈希', checkpoint.rootHash],
    ['签名', `${key.algorithm}，密钥 ${key.keyId}`],
  ]);
  let signed: boolean;
  try {
    const publicKey = await crypto.subtle.importKey('raw', base64(key.publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    signed = await crypto.subtle.verify(
      { name: 'Ed25519' },
      publicKey,
      base64(checkpoint.signature),
      checkpointMessage(checkpoint),
    );
  } catch {
    show('failed', '无法核验', '此浏览器无法核验平台的签名。请使用较新的浏览器。');
    techRows([['原因', '浏览器不支持 Ed25519 签名核验']]);
    return;
  }
  if (!signed) {
    show('failed', '验证失败', '平台的电子签名核对不上：本页所示信息不能确认为平台发布的原始记录。请通过热线反映。');
    return;
  }
  const root = hexToBytes(checkpoint.rootHash);
  const failed: number[] = [];
  await Promise.all(
    data.events.map(async ({ leafIndex, leaf }) => {
      const proof = await getJson<InclusionProof>(
        `/api/v1/transparency/proofs/inclusion?leafIndex=${leafIndex}&treeSize=${checkpoint.treeSize}`,
      );
      const hash = await leafHash(webCryptoSha256, leafBytes(leaf));
      const ok = await verifyInclusion(webCryptoSha256, {
        leafIndex,
        treeSize: checkpoint.treeSize,
        leafHash: hash,
        proof: proof.proof.map(hexToBytes),
        rootHash: root,
      });
      if (!ok) failed.push(leaf.seq);
    }),
  );
  if (failed.length > 0) {
    failed.sort((a, b) => a - b);
    show(
      'failed',
      '验证失败',
      `第 ${failed.join('、')} 条办案记录与平台公开登记的记录不一致：本页所示记录可能已被改动。请通过热线反映。`,
    );
    return;
  }
  show(
    'verified',
    '已验证',
    `本页所示的 ${data.events.length} 条办案记录，与平台公开登记并签名确认的记录完全一致（核对于 ${when(checkpoint.timestamp)}）：当事人、处罚决定和每一步的办理时间，自记录之时起未被改动。`,
  );
}

run().catch((err: unknown) => {
  show('failed', '无法核验', '暂时无法完成核验，请稍后刷新本页重试。');
  techRows([['错误', err instanceof Error ? err.message : String(err)]]);
});
