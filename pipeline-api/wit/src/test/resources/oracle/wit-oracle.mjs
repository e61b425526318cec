// Asks wasm-tools (through jco's JS API) whether it accepts each WIT source, and how it prints the world, or
// (mode "wat") the text of the dummy core module it makes for the world, whose imports and exports carry the
// canonical ABI's flat signatures.
// Input: a file of lines "name<TAB>mode<TAB>world<TAB>base64(witSource)". Output: "name<TAB>OK|ERR<TAB>base64(text)".
// Exit code 3: wasm-tools trapped; the cases after the last output line were not judged.
import { componentEmbed, componentNew, componentWit, print } from '@bytecodealliance/jco';
import { readFileSync } from 'node:fs';

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const [name, mode, world, source] = line.split('\t');
  const witSource = Buffer.from(source, 'base64').toString('utf8');
  try {
    const core = await componentEmbed({ dummy: true, witSource, world: world || undefined });
    const wit = mode === 'wat' ? await print(core) : await componentWit(await componentNew(core));
    process.stdout.write(`${name}\tOK\t${b64(wit)}\n`);
  } catch (e) {
    const message = String(e && e.message || e);
    process.stdout.write(`${name}\tERR\t${b64(message)}\n`);
    // a trap leaves jco's wasm-tools instance unusable: stop, and let the caller start a fresh node for the rest
    if (message.includes('wasm trap') || message.includes('unreachable')) process.exit(3);
  }
}
