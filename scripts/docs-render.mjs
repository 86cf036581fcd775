#!/usr/bin/env node
/**
 * npm run docs:render -- <file.docx | dossier.zip | directory> … [--out DIR] [--png]
 *
 * Renders generated DOCX (also those inside a dossier ZIP) to PDF with LibreOffice, so people can
 * look at them; with --png also the pages as PNG (pdftoppm, poppler-utils). Not needed by CI.
 *
 * The official fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) are seldom installed on a
 * Linux host; a private fontconfig file maps each of them to an installed CJK font (Noto Serif/Sans
 * CJK SC from fonts-noto-cjk) so line breaks come out close to the real thing. Installed official
 * fonts win: the mapping only applies where the name is missing.
 *
 * Install: apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outDir = path.resolve(outIdx >= 0 ? args[outIdx + 1] : 'docs-render');
const png = args.includes('--png');
const inputs = args.filter((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1));

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
}

const soffice = which('soffice') || which('libreoffice');
if (!soffice) {
  console.error(
    'LibreOffice is not installed (apt-get install -y libreoffice-writer-nogui); nothing rendered.',
  );
  process.exit(2);
}
if (inputs.length === 0) {
  console.error('usage: npm run docs:render -- <file.docx|dossier.zip|dir> … [--out DIR] [--png]');
  process.exit(1);
}

const SERIF = 'Noto Serif CJK SC';
const SANS = 'Noto Sans CJK SC';
const aliases = {
  方正小标宋简体: SERIF,
  华文中宋: SERIF,
  仿宋_GB2312: SERIF,
  仿宋: SERIF,
  FangSong: SERIF,
  宋体: SERIF,
  SimSun: SERIF,
  楷体_GB2312: SERIF,
  楷体: SERIF,
  黑体: SANS,
  SimHei: SANS,
};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'laiban-render-'));
const fontsConf = path.join(work, 'fonts.conf');
fs.writeFileSync(
  fontsConf,
  `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${Object.entries(aliases)
  .map(
    ([name, to]) =>
      `  <alias binding="same"><family>${name}</family><accept><family>${to}</family></accept></alias>`,
  )
  .join('\n')}
</fontconfig>
`,
);

/** Collects DOCX files: plain files, DOCX inside ZIPs (extracted to the work dir), directories. */
async function collect(p, found) {
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) await collect(path.join(p, name), found);
  } else if (p.endsWith('.docx')) {
    found.push(p);
  } else if (p.endsWith('.zip')) {
    const zip = await JSZip.loadAsync(fs.readFileSync(p));
    const dir = path.join(work, path.basename(p, '.zip'));
    fs.mkdirSync(dir, { recursive: true });
    for (const f of Object.values(zip.files)) {
      if (f.dir || !f.name.endsWith('.docx')) continue;
      const target = path.join(dir, path.basename(f.name));
      fs.writeFileSync(target, await f.async('nodebuffer'));
      found.push(target);
    }
  }
}

const files = [];
for (const input of inputs) await collect(path.resolve(input), files);
if (files.length === 0) {
  console.error('No DOCX found.');
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
const env = { ...process.env, FONTCONFIG_FILE: fontsConf, HOME: work };
execFileSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (const f of files) {
  const pdf = path.join(outDir, `${path.basename(f, '.docx')}.pdf`);
  if (!fs.existsSync(pdf)) {
    console.error(`not rendered: ${f}`);
    process.exitCode = 1;
    continue;
  }
  console.log(pdf);
  if (png) {
    if (!which('pdftoppm')) {
      console.error('pdftoppm missing (apt-get install -y poppler-utils): PNG skipped');
      continue;
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, pdf.replace(/\.pdf$/, '')]);
  }
}
fs.rmSync(work, { recursive: true, force: true });
