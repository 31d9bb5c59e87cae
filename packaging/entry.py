"""PyInstaller's entry script: the same ``calllist_desktop.ui:main`` the ``calllist-desktop`` command runs."""

from calllist_desktop.ui import main

if __name__ == "__main__":
    main()
