// The sctp match (iptables 1.8.9 extensions/libxt_sctp.c, Linux net/netfilter/xt_sctp.c):
// --sport/--dport ranges and --chunk-types (all|any|only) with per-chunk flags. iptables-nft
// keeps it as an xt compat match, so the kernel's checkentry applies: the rule must say -p sctp.
// The engine's packets carry no SCTP header, so the match never matches a packet.
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec } from '../module.ts';
import { type PortRange, parseTcpPorts, printPorts } from './ports.ts';

/** XT_SCTP_SRC_PORTS, XT_SCTP_DEST_PORTS, XT_SCTP_CHUNK_TYPES (linux/netfilter/xt_sctp.h). */
const SRC_PORTS = 0x01;
const DEST_PORTS = 0x02;
const CHUNK_TYPES = 0x04;

/** SCTP_CHUNK_MATCH_ANY/ALL/ONLY. */
const MATCH_TYPES: Array<[string, number]> = [
  ['any', 0x01],
  ['all', 0x02],
  ['only', 0x04],
];

/** XT_NUM_SCTP_FLAGS: how many chunk types may carry flags. */
const MAX_FLAGGED = 4;

const IPPROTO_SCTP = 132;

/** struct xt_sctp_flag_info. `chunkType` is what libxt_sctp stores: the chunk's index in its name table. */
interface FlagInfo {
  chunkType: number;
  flag: number;
  mask: number;
}

/** struct xt_sctp_info. */
interface SctpData {
  spts: PortRange;
  dpts: PortRange;
  /** 256 bits, one per chunk type, as eight 32-bit words. */
  chunkmap: number[];
  matchType: number;
  flagInfo: FlagInfo[];
  flags: number;
  invflags: number;
}

/** sctp_chunk_names[]: name, type, and the letters of its flag bits 7..0 ('-' for none). */
const CHUNKS: Array<[string, number, string]> = [
  ['DATA', 0, '----IUBE'],
  ['INIT', 1, '--------'],
  ['INIT_ACK', 2, '--------'],
  ['SACK', 3, '--------'],
  ['HEARTBEAT', 4, '--------'],
  ['HEARTBEAT_ACK', 5, '--------'],
  ['ABORT', 6, '-------T'],
  ['SHUTDOWN', 7, '--------'],
  ['SHUTDOWN_ACK', 8, '--------'],
  ['ERROR', 9, '--------'],
  ['COOKIE_ECHO', 10, '--------'],
  ['COOKIE_ACK', 11, '--------'],
  ['ECN_ECNE', 12, '--------'],
  ['ECN_CWR', 13, '--------'],
  ['SHUTDOWN_COMPLETE', 14, '-------T'],
  ['I_DATA', 64, '----IUBE'],
  ['RE_CONFIG', 130, '--------'],
  ['PAD', 132, '--------'],
  ['ASCONF', 193, '--------'],
  ['ASCONF_ACK', 128, '--------'],
  ['FORWARD_TSN', 192, '--------'],
  ['I_FORWARD_TSN', 194, '--------'],
];

const OPTS: OptSpec[] = [
  { name: 'source-port', id: 0, arg: true },
  { name: 'sport', id: 0, arg: true },
  { name: 'destination-port', id: 1, arg: true },
  { name: 'dport', id: 1, arg: true },
  { name: 'chunk-types', id: 2, arg: true },
];

const isSet = (map: number[], type: number) => (map[type >>> 5] >>> (type & 31)) & 1;
const setChunk = (map: number[], type: number) => {
  map[type >>> 5] = (map[type >>> 5] | (1 << (type & 31))) >>> 0;
};
const isClear = (map: number[]) => map.every((w) => w === 0);
const isAllSet = (map: number[]) => map.every((w) => w === 0xffffffff);

/** save_chunk_flag_info(): adds one flag bit to the chunk's entry, opening one if needed. */
function addFlag(d: SctpData, chunkType: number, bit: number, set: boolean): void {
  let info = d.flagInfo.find((f) => f.chunkType === chunkType);
  if (!info) {
    if (d.flagInfo.length === MAX_FLAGGED)
      throw new ParamError(
        'Number of chunk types with flags exceeds currently allowed limit. Increasing this limit involves changing IPT_NUM_SCTP_FLAGS and recompiling both the kernel space and user space modules',
      );
    info = { chunkType, flag: 0, mask: 0 };
    d.flagInfo.push(info);
  }
  info.mask |= 1 << bit;
  if (set) info.flag |= 1 << bit;
}

/** parse_sctp_chunk(): "ALL", "NONE", or comma-separated NAME[:FLAGS] (names and flags case-blind). */
function parseChunks(d: SctpData, text: string): void {
  d.chunkmap = new Array(8).fill(0);
  if (text.toUpperCase() === 'ALL') {
    d.chunkmap.fill(0xffffffff);
    return;
  }
  if (text.toUpperCase() === 'NONE') return;
  for (const item of text.split(',').filter((w) => w !== '')) {
    const colon = item.indexOf(':');
    const name = colon < 0 ? item : item.slice(0, colon);
    const index = CHUNKS.findIndex(([n]) => n === name.toUpperCase());
    if (index < 0) throw new ParamError(`Unknown sctp chunk \`${name}'`);
    const [, type, letters] = CHUNKS[index];
    setChunk(d.chunkmap, type);
    if (colon < 0) continue;
    for (const c of item.slice(colon + 1)) {
      // strchr() over the letters, so '-' names bit 7 of every chunk
      const at = letters.indexOf(c.toUpperCase());
      if (at < 0) throw new ParamError(`Invalid flags for chunk type ${index}`);
      addFlag(d, index, 7 - at, c >= 'A' && c <= 'Z');
    }
  }
}

/** print_chunks(): the match type, then NONE, ALL, or each chunk (hex when numeric) with its flags. */
function chunksText(d: SctpData, numeric: boolean): string {
  let s = ` ${MATCH_TYPES.find(([, v]) => v === d.matchType)?.[0] ?? ''}`;
  if (isClear(d.chunkmap)) return `${s} NONE`;
  if (isAllSet(d.chunkmap)) return `${s} ALL`;
  const items: string[] = [];
  for (let type = 0; type < 256; type++) {
    if (!isSet(d.chunkmap, type)) continue;
    let item = numeric
      ? `0x${type.toString(16).toUpperCase().padStart(4, '0')}`
      : (CHUNKS.find(([, t]) => t === type)?.[0] ?? '');
    // Flags are looked up by chunk type although they were stored by table index: only the
    // chunks whose index equals their type (DATA .. SHUTDOWN_COMPLETE) show theirs.
    for (const f of d.flagInfo.filter((fi) => fi.chunkType === type)) {
      if (f.mask) item += ':';
      for (let bit = 7; bit >= 0; bit--) {
        if (!(f.mask & (1 << bit))) continue;
        const letter = CHUNKS[type][2][7 - bit];
        item += f.flag & (1 << bit) ? letter : letter.toLowerCase();
      }
    }
    items.push(item);
  }
  s += ` ${items.join(',')}`;
  return s;
}

/** The save text of one port option: " ! --dport 1:2"; printed whenever the option was given. */
function savePortOption(opt: string, r: PortRange, invert: boolean): string {
  return `${invert ? ' !' : ''} --${opt} ${r[0] !== r[1] ? `${r[0]}:${r[1]}` : r[0]}`;
}

export const sctpMatch = defineMatch<SctpData>({
  name: 'sctp',
  options: OPTS,
  legacy: true,
  init: () => ({
    spts: [0, 0xffff],
    dpts: [0, 0xffff],
    chunkmap: new Array(8).fill(0),
    matchType: 0,
    flagInfo: [],
    flags: 0,
    invflags: 0,
  }),
  parse(d, opt, arg, invert, ctx) {
    const bit = [SRC_PORTS, DEST_PORTS, CHUNK_TYPES][opt.id];
    if (d.flags & bit) {
      const long = ['source-port', 'destination-port', 'chunk-types'][opt.id];
      throw new ParamError(`Only one \`--${long}' allowed`);
    }
    if (opt.id === 2) {
      const chunks = ctx.takeArg();
      if (chunks === null) throw new ParamError('--chunk-types requires two args');
      const type = MATCH_TYPES.find(([name]) => name === arg!.toLowerCase());
      if (!type) throw new ParamError('Match type has to be one of "ALL", "ANY" or "ONLY"');
      d.matchType = type[1];
      parseChunks(d, chunks);
    } else {
      const range = parseTcpPorts(arg!, 'sctp');
      if (opt.id === 0) d.spts = range;
      else d.dpts = range;
    }
    d.flags |= bit;
    if (invert) d.invflags |= bit;
  },
  save(d) {
    let s = '';
    if (d.flags & SRC_PORTS) s += savePortOption('sport', d.spts, !!(d.invflags & SRC_PORTS));
    if (d.flags & DEST_PORTS) s += savePortOption('dport', d.dpts, !!(d.invflags & DEST_PORTS));
    if (d.flags & CHUNK_TYPES)
      s += `${d.invflags & CHUNK_TYPES ? ' !' : ''} --chunk-types${chunksText(d, false)}`;
    return s;
  },
  print(d, _ip, numeric) {
    let s = ' sctp';
    if (d.flags & SRC_PORTS) s += printPorts('spt', d.spts, !!(d.invflags & SRC_PORTS), 'sctp', numeric);
    if (d.flags & DEST_PORTS) s += printPorts('dpt', d.dpts, !!(d.invflags & DEST_PORTS), 'sctp', numeric);
    if (d.flags & CHUNK_TYPES) s += `${d.invflags & CHUNK_TYPES ? ' !' : ''}${chunksText(d, numeric)}`;
    return s;
  },
  // xt_sctp's .proto = IPPROTO_SCTP: xt_check_match() refuses any other (or inverted) -p.
  kernelCheck: (_d, ip) => (ip.proto === IPPROTO_SCTP && !ip.invProto ? null : 'Invalid argument'),
  // sctp_mt() reads the SCTP common header and chunks; the simulated packets have none (no
  // SCTP in the engine's pipeline), so no packet matches.
  match: () => false,
});
