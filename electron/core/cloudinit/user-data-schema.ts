// Types of the cloud-config keys we generate or commonly see merged in, as cloud-init 22.4 expects
// them. Objects are loose: keys we do not model pass through (cloud-init's own schema check in the
// integration test covers the rest). Unknown top-level keys only produce a warning, because
// cloud-init 22.4 ignores a misspelled key silently.
import { z } from 'zod';

const strings = z.array(z.string());
const command = z.union([z.string(), z.array(z.string())]);
const stringOrList = z.union([z.string(), z.array(z.string())]);

const user = z.union([
  z.literal('default'),
  z.looseObject({
    name: z.string(),
    gecos: z.string().optional(),
    groups: stringOrList.optional(),
    primary_group: z.string().optional(),
    shell: z.string().optional(),
    sudo: z.union([z.string(), z.array(z.string()), z.literal(false), z.null()]).optional(),
    lock_passwd: z.boolean().optional(),
    passwd: z.string().optional(),
    hashed_passwd: z.string().optional(),
    ssh_authorized_keys: strings.optional(),
    ssh_import_id: strings.optional(),
    system: z.boolean().optional(),
    homedir: z.string().optional(),
    uid: z.union([z.number().int(), z.string()]).optional(),
  }),
]);

const writeFile = z.looseObject({
  path: z.string(),
  content: z.string().optional(),
  permissions: z.string().optional(),
  owner: z.string().optional(),
  encoding: z.string().optional(),
  append: z.boolean().optional(),
  defer: z.boolean().optional(),
});

export const userDataSchema = z.looseObject({
  hostname: z.string().optional(),
  fqdn: z.string().optional(),
  prefer_fqdn_over_hostname: z.boolean().optional(),
  preserve_hostname: z.boolean().optional(),
  manage_etc_hosts: z.union([z.boolean(), z.literal('localhost'), z.literal('template')]).optional(),
  users: z.array(user).optional(),
  groups: z.union([z.array(z.union([z.string(), z.record(z.string(), stringOrList)])), z.record(z.string(), stringOrList)]).optional(),
  ssh_pwauth: z.union([z.boolean(), z.literal('unchanged')]).optional(),
  disable_root: z.boolean().optional(),
  ssh_authorized_keys: strings.optional(),
  packages: z.array(z.union([z.string(), z.array(z.string())])).optional(),
  package_update: z.boolean().optional(),
  package_upgrade: z.boolean().optional(),
  package_reboot_if_required: z.boolean().optional(),
  runcmd: z.array(command).optional(),
  bootcmd: z.array(command).optional(),
  write_files: z.array(writeFile).optional(),
  final_message: z.string().optional(),
  timezone: z.string().optional(),
  locale: z.union([z.string(), z.boolean()]).optional(),
  growpart: z.looseObject({ mode: z.union([z.string(), z.boolean()]).optional(), devices: strings.optional() }).optional(),
  resize_rootfs: z.union([z.boolean(), z.literal('noblock')]).optional(),
  power_state: z.looseObject({ mode: z.string() }).optional(),
});

/** Top-level keys of cloud-init 22.4's modules and core settings (anything else is ignored by it). */
export const KNOWN_USER_DATA_KEYS: ReadonlySet<string> = new Set([
  'allow_public_ssh_keys', 'ansible', 'apk_repos', 'apt', 'apt_pipelining', 'authkey_hash', 'bootcmd',
  'byobu_by_default', 'ca_certs', 'ca-certs', 'chef', 'chpasswd', 'cloud_config_modules', 'cloud_final_modules',
  'cloud_init_modules', 'datasource', 'device_aliases', 'disable_ec2_metadata', 'disable_root', 'disable_root_opts',
  'disk_setup', 'drivers', 'final_message', 'fqdn', 'fs_setup', 'groups', 'growpart', 'hostname', 'keyboard',
  'keys_to_console', 'landscape', 'locale', 'locale_configfile', 'lxd', 'manage_etc_hosts', 'manage_resolv_conf',
  'mcollective', 'merge_how', 'merge_type', 'mount_default_fields', 'mounts', 'no_ssh_fingerprints', 'ntp',
  'output', 'package_reboot_if_required', 'package_update', 'package_upgrade', 'packages', 'password',
  'phone_home', 'power_state', 'prefer_fqdn_over_hostname', 'preserve_hostname', 'puppet', 'random_seed',
  'reporting', 'resize_rootfs', 'resolv_conf', 'rh_subscription', 'rsyslog', 'runcmd', 'salt_minion', 'snap',
  'spacewalk', 'ssh', 'ssh_authorized_keys', 'ssh_deletekeys', 'ssh_fp_console_blacklist', 'ssh_genkeytypes',
  'ssh_import_id', 'ssh_key_console_blacklist', 'ssh_keys', 'ssh_publish_hostkeys', 'ssh_pwauth',
  'ssh_quiet_keygen', 'swap', 'system_info', 'timezone', 'ubuntu_advantage', 'updates', 'user', 'users',
  'vendor_data', 'wireguard', 'write_files', 'yum_repo_dir', 'yum_repos', 'zypper',
]);
