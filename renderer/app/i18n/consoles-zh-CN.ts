// 控制台工具（发送按键、截图、分离窗口）的简体中文措辞，并入 zh-CN.ts。
import type { consolesEn } from './consoles-en.js';

export const consolesZhCN: Record<keyof typeof consolesEn, string> = {
  'console.keyGroup.system': '系统',
  'console.keyGroup.vt': '虚拟终端',
  'console.keyGroup.sysrq': 'Magic SysRq（Linux）',
  'console.keyGroup.other': '其他',
  'console.sysrq.h': '帮助',
  'console.sysrq.s': '同步磁盘',
  'console.sysrq.u': '以只读方式重新挂载',
  'console.sysrq.e': '终止所有进程',
  'console.sysrq.i': '杀死所有进程',
  'console.sysrq.b': '立即重启',
  'console.sysrq.o': '立即关机',
  'console.screenshot': '截图',
  'console.screenshotFailed': '截图失败',
  'console.screenshotSaved': '截图已保存（{width}×{height}）',
  'console.detach': '在独立窗口中打开',
  'console.windowGone': '此控制台的虚拟机已不存在。',
};
