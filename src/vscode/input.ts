// The one way commands talk to the user: input boxes, quick picks, the
// clipboard and messages go through this facade, so a host test can script
// every answer (and see every message) without touching the core. The
// default implementation is VS Code's own window API.
import * as vscode from 'vscode';

/** An input box; `id` names the step so scripted answers do not depend on order. */
export interface InputBoxRequest {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  readonly value?: string;
  readonly placeHolder?: string;
  /** The same validation the CLI runs: a message (what, token, column) or undefined when fine. */
  readonly validate?: (value: string) => string | undefined;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

export interface QuickPickRequest<T> {
  readonly id: string;
  readonly title: string;
  readonly placeHolder: string;
  readonly items: readonly PickItem<T>[];
  /** The item selected when the pick opens (a sensible default from settings or the project). */
  readonly active?: T;
  /** Also match what is typed against the items' descriptions / details. */
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
}

export interface InputFacade {
  /** undefined when the user pressed Escape. */
  inputBox(request: InputBoxRequest): Promise<string | undefined>;
  /** undefined when the user pressed Escape. */
  quickPick<T>(request: QuickPickRequest<T>): Promise<T | undefined>;
  readClipboard(): Promise<string>;
  showError(message: string, ...actions: string[]): Promise<string | undefined>;
  showInfo(message: string): void;
}

/** VS Code's own UI. A quick pick is built by hand so the default item can be made active. */
export const windowInput: InputFacade = {
  inputBox(request) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: request.title,
        prompt: request.prompt,
        value: request.value,
        placeHolder: request.placeHolder,
        ignoreFocusOut: true,
        validateInput: request.validate,
      }),
    );
  },
  quickPick<T>(request: QuickPickRequest<T>) {
    return new Promise<T | undefined>((resolve) => {
      const pick = vscode.window.createQuickPick<PickItem<T>>();
      pick.title = request.title;
      pick.placeholder = request.placeHolder;
      pick.items = request.items;
      pick.ignoreFocusOut = true;
      pick.matchOnDescription = request.matchOnDescription ?? false;
      pick.matchOnDetail = request.matchOnDetail ?? false;
      const active = request.items.find((i) => i.value === request.active);
      if (active) pick.activeItems = [active];
      let chosen: T | undefined;
      pick.onDidAccept(() => {
        chosen = pick.selectedItems[0]?.value ?? pick.activeItems[0]?.value;
        pick.hide();
      });
      pick.onDidHide(() => {
        pick.dispose();
        resolve(chosen);
      });
      pick.show();
    });
  },
  async readClipboard() {
    return vscode.env.clipboard.readText();
  },
  showError(message, ...actions) {
    return Promise.resolve(vscode.window.showErrorMessage(message, ...actions));
  },
  showInfo(message) {
    void vscode.window.showInformationMessage(message);
  },
};
