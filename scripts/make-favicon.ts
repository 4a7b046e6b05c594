/**
 * Builds server/modules/portal/assets/favicon.ico (16, 32 and 48 px PNGs in one ICO) from favicon.svg with the system
 * Chromium. Run after changing the SVG: node --import tsx scripts/make-favicon.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dir = new URL('../server/modules/portal/assets/', import.meta.url);
const svg = readFileSync(new URL('favicon.svg', dir), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const images: Buffer[] = [];
const sizes = [16, 32, 48];
for (const size of sizes) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  images.push(await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  await page.close();
}
await browser.close();

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNGs (PNG in ICO: Windows Vista and later).
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((png, i) => {
  const at = 6 + 16 * i;
  const size = sizes[i] ?? 0;
  header.writeUInt8(size % 256, at);
  header.writeUInt8(size % 256, at + 1);
  header.writeUInt8(0, at + 2);
  header.writeUInt8(0, at + 3);
  header.writeUInt16LE(1, at + 4);
  header.writeUInt16LE(32, at + 6);
  header.writeUInt32LE(png.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += png.length;
});
writeFileSync(new URL('favicon.ico', dir), Buffer.concat([header, ...images]));
console.log(`favicon.ico: ${sizes.join(', ')} px, ${offset} bytes`);
