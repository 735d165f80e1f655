/**
 * MachinePreset is the guest a `[[vm]] size` stands for.
 */
export interface MachinePreset {
  cpu_kind: 'shared' | 'performance'
  cpus: number
  memory_mb: number
  gpu_kind?: string
  gpus?: number
}

/**
 * MACHINE_PRESETS mirrors fly-go's `MachinePresets` (machine_types.go):
 * shared CPUs get 256 MiB each, performance CPUs 2048 MiB each, GPU presets
 * are performance-8x with 16 GiB and one GPU.
 */
export const MACHINE_PRESETS: Readonly<Record<string, MachinePreset>> = {
  'shared-cpu-1x': { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
  'shared-cpu-2x': { cpu_kind: 'shared', cpus: 2, memory_mb: 512 },
  'shared-cpu-4x': { cpu_kind: 'shared', cpus: 4, memory_mb: 1024 },
  'shared-cpu-6x': { cpu_kind: 'shared', cpus: 6, memory_mb: 1536 },
  'shared-cpu-8x': { cpu_kind: 'shared', cpus: 8, memory_mb: 2048 },
  'performance-1x': { cpu_kind: 'performance', cpus: 1, memory_mb: 2048 },
  'performance-2x': { cpu_kind: 'performance', cpus: 2, memory_mb: 4096 },
  'performance-4x': { cpu_kind: 'performance', cpus: 4, memory_mb: 8192 },
  'performance-6x': { cpu_kind: 'performance', cpus: 6, memory_mb: 12288 },
  'performance-8x': { cpu_kind: 'performance', cpus: 8, memory_mb: 16384 },
  'performance-10x': { cpu_kind: 'performance', cpus: 10, memory_mb: 20480 },
  'performance-12x': { cpu_kind: 'performance', cpus: 12, memory_mb: 24576 },
  'performance-14x': { cpu_kind: 'performance', cpus: 14, memory_mb: 28672 },
  'performance-16x': { cpu_kind: 'performance', cpus: 16, memory_mb: 32768 },
  'a100-40gb': {
    gpu_kind: 'a100-pcie-40gb',
    gpus: 1,
    cpu_kind: 'performance',
    cpus: 8,
    memory_mb: 32768
  },
  'a100-80gb': {
    gpu_kind: 'a100-sxm4-80gb',
    gpus: 1,
    cpu_kind: 'performance',
    cpus: 8,
    memory_mb: 32768
  },
  l40s: {
    gpu_kind: 'l40s',
    gpus: 1,
    cpu_kind: 'performance',
    cpus: 8,
    memory_mb: 32768
  },
  a10: {
    gpu_kind: 'a10',
    gpus: 1,
    cpu_kind: 'performance',
    cpus: 8,
    memory_mb: 32768
  }
}

/** DEFAULT_VM_SIZE is the size a `[[vm]]` section without `size` starts from (fly-go `DefaultVMSize`). */
export const DEFAULT_VM_SIZE = 'shared-cpu-1x'

/** DEFAULT_GPU_VM_SIZE is the starting size when `[[vm]]` sets `gpu_kind` but no `size` (fly-go `DefaultGPUVMSize`). */
export const DEFAULT_GPU_VM_SIZE = 'performance-8x'

/** RELEASE_COMMAND_DEFAULT_SIZE is the guest flyctl gives a release_command machine when nothing better is known. */
export const RELEASE_COMMAND_DEFAULT_SIZE = 'shared-cpu-2x'

/**
 * presetError explains an unknown size the way fly-go's `SetSize` does,
 * listing the valid sizes of the same family.
 *
 *   "shared-cpu-3x"  → "'shared-cpu-3x' is an invalid machine size, choose one of: [shared-cpu-1x …]"
 *   "large"          → "invalid machine preset requested, 'large', expected to start with 'shared' or 'performance'"
 */
export function presetError(size: string): string {
  const family = size.startsWith('shared')
    ? 'shared'
    : size.startsWith('performance')
      ? 'performance'
      : undefined
  if (family === undefined) {
    return `invalid machine preset requested, '${size}', expected to start with 'shared' or 'performance'`
  }
  const valid = Object.keys(MACHINE_PRESETS)
    .filter((k) => k.startsWith(family))
    .sort()
  return `'${size}' is an invalid machine size, choose one of: [${valid.join(' ')}]`
}
