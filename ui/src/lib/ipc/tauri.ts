// The real backend: the generated commands plus the few Tauri APIs the UI needs.
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open, save } from '@tauri-apps/plugin-dialog';
import type { Backend } from './backend';
import { commands, events } from './bindings';

export const tauriBackend: Backend = {
  commands,
  onVaultLocked: (handler) => events.vaultLocked.listen((event) => handler(event.payload)),
  onTeamSynced: (handler) => events.teamSynced.listen((event) => handler(event.payload)),
  onCasesChanged: (handler) => events.casesChanged.listen((event) => handler(event.payload)),
  onOpenCase: (handler) => events.openCase.listen(() => handler()),
  onFilesDropped: (handler) =>
    getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type === 'drop' && event.payload.paths.length > 0) handler(event.payload.paths);
    }),
  pickMailFiles: async () => {
    const picked = await open({
      multiple: true,
      directory: false,
      title: 'Import reports',
      filters: [{ name: 'E-mail (.eml, mbox)', extensions: ['eml', 'mbox', 'mbx', 'txt'] }],
    });
    if (picked === null) return null;
    return Array.isArray(picked) ? picked : [picked];
  },
  pickSaveLocation: (suggestedName, title = 'Save attachment') => save({ title, defaultPath: suggestedName }),
  pickFolder: async (title) => {
    const picked = await open({ directory: true, multiple: false, title });
    return Array.isArray(picked) ? (picked[0] ?? null) : picked;
  },
};
