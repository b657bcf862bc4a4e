from ipwarden.cli.main import main

main()
