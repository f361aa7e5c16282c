from apprenance.cli.main import main

main()
