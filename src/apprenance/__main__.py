from apprenance.cli.main import main

if __name__ == "__main__":  # not when a reading process of an ingest imports it
    main()
