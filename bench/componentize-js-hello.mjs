// Builds the hello world with ComponentizeJS (the reference for JavaScript) and writes it to argv[2].
import { componentize } from '@bytecodealliance/componentize-js';
import { writeFileSync } from 'fs';
const wit = `package local:hello;
world hello {
  import log: func(message: string);
  export greet: func(name: string) -> string;
}`;
const source = `import log from 'log';
export function greet(name) { log('greeting ' + name); return 'Hello, ' + name + '!'; }`;
const t0 = performance.now();
const { component } = await componentize(source, wit, { worldName: 'hello', disableFeatures: ['random', 'stdio', 'clocks', 'http', 'fetch-event'] });
writeFileSync(process.argv[2], component);
console.error(JSON.stringify({ buildMs: performance.now() - t0 }));
