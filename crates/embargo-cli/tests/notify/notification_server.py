#!/usr/bin/python3
"""A real org.freedesktop.Notifications server for Embargo's notifier tests.

Owns the name on the session bus it is given (a private test bus), answers
GetCapabilities / GetServerInformation / Notify / CloseNotification as the spec
says, and appends every Notify call to a JSON-lines file: app name, summary, body,
actions and hints, exactly as received. Prints "ready" once it owns the name.

Modes:
  record   answer every call (default)
  silent   own the name but never answer Notify (a hung server)
  snooze   answer, then keep emitting ActionInvoked(id, "snooze-1h") every 100 ms
           for a few seconds (the client subscribes to the signal only after
           Notify returns, so a single early signal could be missed)
  open     the same with the "open" action (the desktop app's end-to-end test)

Runs on Debian's /usr/bin/python3 with python3-dbus and python3-gi.
"""

import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def plain(value):
    """D-Bus values to JSON-able Python values."""
    if isinstance(value, (dbus.Boolean, bool)):
        return bool(value)
    if isinstance(value, (dbus.Byte, dbus.Int16, dbus.Int32, dbus.Int64,
                          dbus.UInt16, dbus.UInt32, dbus.UInt64, int)):
        return int(value)
    if isinstance(value, (dbus.Double, float)):
        return float(value)
    if isinstance(value, (dbus.Array, list, dbus.Struct, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dbus.Dictionary, dict)):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


class Server(dbus.service.Object):
    def __init__(self, bus, record_path, mode):
        super().__init__(bus, PATH)
        self.record_path = record_path
        self.mode = mode
        self.next_id = 0

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body", "actions"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("embargo-test-server", "embargo", "1.0", "1.2")

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u",
                         async_callbacks=("reply", "error"))
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions,
               hints, expire_timeout, reply, error):
        self.next_id += 1
        notification_id = self.next_id
        with open(self.record_path, "a", encoding="utf-8") as record:
            record.write(json.dumps({
                "id": notification_id,
                "app_name": str(app_name),
                "summary": str(summary),
                "body": str(body),
                "actions": [str(a) for a in actions],
                "hints": plain(hints),
                "expire_timeout": int(expire_timeout),
            }) + "\n")
        if self.mode == "silent":
            return  # never reply: the client must time out by itself
        reply(dbus.UInt32(notification_id))
        pressed = {"snooze": "snooze-1h", "open": "open"}.get(self.mode)
        if pressed and pressed in actions:
            emitted = {"count": 0}

            def emit():
                self.ActionInvoked(dbus.UInt32(notification_id), pressed)
                emitted["count"] += 1
                return emitted["count"] < 50

            GLib.timeout_add(100, emit)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, notification_id):
        self.NotificationClosed(notification_id, dbus.UInt32(3))

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, notification_id, action_key):
        pass

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, notification_id, reason):
        pass


def main():
    record_path, mode = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "record")
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    server = Server(bus, record_path, mode)
    print("ready", flush=True)
    GLib.MainLoop().run()
    del name, server


if __name__ == "__main__":
    main()
