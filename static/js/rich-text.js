// Turns each textarea marked data-rich-text (cano.richtext.RichTextWidget) into an editor with a
// small toolbar: bold, italic, bulleted and numbered lists, link. The editor is the build of
// Tiptap/ProseMirror that django-prose-editor ships, loaded from our own static files: no inline
// script or style, so it runs under the site's Content-Security-Policy. The toolbar follows the
// WAI-ARIA toolbar pattern: one Tab stop, arrow keys between the buttons, aria-pressed for the
// formatting in force. Without this script the textarea stays and takes plain text.
const textareas = document.querySelectorAll("textarea[data-rich-text]");

function messagesFrom(config) {
    // The editor's link dialog asks window.gettext for its texts; the widget sends them in Dutch.
    if (!window.gettext) {
        window.gettext = (text) => config.messages[text] || text;
    }
}

function buildToolbar(config, editor, content) {
    const toolbar = document.createElement("div");
    toolbar.className = "rich-text-editor__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", config.toolbarLabel);
    toolbar.setAttribute("aria-controls", content.id);
    const commands = {
        bold: () => editor.chain().focus().toggleBold().run(),
        italic: () => editor.chain().focus().toggleItalic().run(),
        bulletList: () => editor.chain().focus().toggleBulletList().run(),
        orderedList: () => editor.chain().focus().toggleOrderedList().run(),
        link: () => editor.chain().focus().addLink().run(),
    };
    const buttons = config.toolbar.map((item, index) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "rich-text-editor__button";
        button.dataset.command = item.name;
        button.tabIndex = index === 0 ? 0 : -1;
        const icon = document.createElement("span");
        icon.className = "material-icons";
        icon.setAttribute("aria-hidden", "true");
        icon.textContent = item.icon;
        const label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = item.label;
        button.title = item.label;
        button.append(icon, label);
        button.addEventListener("click", () => {
            if (button.getAttribute("aria-disabled") !== "true") commands[item.name]();
        });
        toolbar.append(button);
        return button;
    });

    // One Tab stop: the arrow keys, Home and End move between the buttons.
    toolbar.addEventListener("keydown", (event) => {
        const current = buttons.indexOf(document.activeElement);
        if (current < 0) return;
        const moves = {
            ArrowRight: current + 1,
            ArrowDown: current + 1,
            ArrowLeft: current - 1,
            ArrowUp: current - 1,
            Home: 0,
            End: buttons.length - 1,
        };
        if (!(event.key in moves)) return;
        event.preventDefault();
        const next = buttons[(moves[event.key] + buttons.length) % buttons.length];
        for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
        next.focus();
    });

    const update = () => {
        for (const button of buttons) {
            const name = button.dataset.command;
            if (name === "link") {
                const usable = !editor.state.selection.empty || editor.isActive("link");
                button.setAttribute("aria-disabled", String(!usable));
            }
            button.setAttribute("aria-pressed", String(editor.isActive(name)));
        }
    };
    editor.on("transaction", update);
    update();
    return toolbar;
}

// Plain text as the server reads it without the editor: a blank line starts a paragraph.
function plainToHtml(text) {
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return escaped
        .split(/\r?\n[ \t]*\r?\n/)
        .filter((part) => part.trim())
        .map((part) => `<p>${part.trim().replace(/\r?\n/g, "<br>")}</p>`)
        .join("");
}

async function enhance(textarea) {
    const config = JSON.parse(textarea.dataset.richText);
    messagesFrom(config);
    const editorModule = await import(config.editor);
    const { Editor, Document, Paragraph, Text, HardBreak, Bold, Italic } = editorModule;
    const { BulletList, OrderedList, ListItem, Link, History } = editorModule;
    const format = textarea.form && textarea.form.elements[`${textarea.name}_format`];

    const wrapper = document.createElement("div");
    wrapper.className = "rich-text-editor";
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    if (label && !label.id) label.id = `${textarea.id}_label`;
    const attributes = {
        id: `${textarea.id}_editor`,
        class: "rich-text-editor__content",
        role: "textbox",
        "aria-multiline": "true",
    };
    if (label) attributes["aria-labelledby"] = label.id;
    for (const name of ["aria-describedby", "aria-invalid"]) {
        if (textarea.hasAttribute(name)) attributes[name] = textarea.getAttribute(name);
    }
    if (textarea.closest(".field--required")) attributes["aria-required"] = "true";

    const editor = new Editor({
        element: wrapper,
        // Tiptap's own stylesheet would be a <style> element; its few rules are in rich-text.css.
        injectCSS: false,
        extensions: [
            Document,
            Paragraph,
            Text,
            HardBreak,
            History,
            Bold,
            Italic,
            BulletList,
            OrderedList,
            ListItem,
            Link.configure({ enableTarget: false, protocols: ["mailto"] }),
        ],
        // Text typed into the textarea while the editor was loading is kept.
        content:
            textarea.value === textarea.defaultValue
                ? textarea.dataset.richTextHtml || ""
                : plainToHtml(textarea.value),
        editorProps: { attributes },
        onUpdate({ editor: current }) {
            textarea.value = current.isEmpty ? "" : current.getHTML();
        },
    });
    // Only now that the editor runs does it take the textarea's place; a member already typing
    // in the textarea goes on in the editor.
    const typing = document.activeElement === textarea;
    textarea.value = editor.isEmpty ? "" : editor.getHTML();
    textarea.hidden = true;
    textarea.required = false;
    textarea.before(wrapper);
    wrapper.prepend(buildToolbar(config, editor, editor.view.dom));
    wrapper.append(textarea);
    if (format) format.value = "html";
    if (typing) editor.commands.focus("end");

    // The label and the error summary's link point at the textarea: they lead to the editor now.
    const focusEditor = (event) => {
        event.preventDefault();
        editor.commands.focus();
    };
    if (label) {
        // The label now names the editor (aria-labelledby) rather than the hidden textarea.
        label.removeAttribute("for");
        label.addEventListener("click", focusEditor);
    }
    for (const link of document.querySelectorAll(`a[href="#${textarea.id}"]`)) {
        link.addEventListener("click", focusEditor);
    }
}

for (const textarea of textareas) {
    enhance(textarea).catch((error) => {
        // The textarea is still there and takes plain text.
        console.error("Rich-text editor not started:", error);
    });
}
