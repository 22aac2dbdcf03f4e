// One browser and one app at a time: the tests share two cores with the server they drive.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
