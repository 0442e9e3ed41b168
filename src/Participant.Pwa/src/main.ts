import './styles.css';
import { registerSW } from 'virtual:pwa-register';
import { uploadAttachment } from './api';
import { App } from './app';
import { AttachmentCache } from './attachmentCache';
import { createHubConnection } from './hub';
import { initLanguage, t } from './i18n';
import { LocationSharing } from './location';
import { hello, watchBattery } from './presence';
import { Store } from './store';
import { mountShell } from './ui/shell';
import { UpcomingStore } from './upcomingStore';

async function start(root: HTMLElement): Promise<void> {
  initLanguage();
  const store = await Store.open();
  const attachments = await AttachmentCache.open();
  // Ask the browser not to evict IndexedDB under storage pressure: the outbox lives there.
  void navigator.storage?.persist?.().catch(() => false);
  const app = await App.boot({
    store,
    createHub: (token) => createHubConnection(token),
    hello,
    attachments,
    upcomingStore: new UpcomingStore(localStorage),
    upload: (token, attachment) => uploadAttachment(token, attachment),
    location: new LocationSharing(localStorage),
    onError: (error) => console.warn('[scenarioengine]', error),
  });
  mountShell(root, app);
  void watchBattery(() => void app.sendHello());
  registerSW({ immediate: true });
}

const root = document.getElementById('app');
if (root) {
  start(root).catch((error: unknown) => {
    console.error(error);
    root.textContent = `${t('app.title')}: ${error instanceof Error ? error.message : String(error)}`;
  });
}
