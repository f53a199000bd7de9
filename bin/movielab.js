#!/usr/bin/env node
// Runs the TypeScript CLI so that `npx movielab …` works straight after `npm install`. tsx's loader is
// registered in this process and the CLI imported here, rather than through tsx's own launcher, which
// starts node again: that made three processes, and a SIGKILL to the first left the trainer running, to
// overwrite --out later. In one process every signal, SIGKILL included, reaches the CLI itself, and
// worker threads end with it (lib/node/threads registers tsx in each worker).
import {register} from "tsx/esm/api";

register();
const {runProcess} = await import(new URL("../src/cli.ts", import.meta.url).href);
await runProcess();
