using Names.Resolver.Storage;

namespace Names.Resolver.Service.ReadModel;

/// <summary>
/// The read model's entities by dense handle (in the order they arrived): id, kind, canonical name, the entity that
/// absorbed it, and its canonical member. Not thread-safe: <see cref="RegistryReadModel"/>'s lock guards it.
/// </summary>
internal sealed class ReadModelEntities
{
    private string[] _ids = new string[1024];
    private string[] _kinds = new string[1024];
    private string[] _names = new string[1024];
    /// <summary>-1 active; else the survivor's handle, or <see cref="UnknownSurvivor"/>.</summary>
    private int[] _survivor = new int[1024];
    /// <summary>Handle of the entity's variant with the smallest id (its canonical member), -1 when none.</summary>
    private int[] _first = new int[1024];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private const int UnknownSurvivor = -2;

    public int Count { get; private set; }

    public bool TryGet(string id, out int handle) => _byId.TryGetValue(id, out handle);

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>The variant handle of the entity's canonical member (-1 when none), to read or set.</summary>
    public ref int First(int entity) => ref _first[entity];

    public EntityRow Row(int entity) => new(_ids[entity], _kinds[entity], _names[entity]);

    /// <summary>Follows absorbed entities to the active one; -1 when the chain leads to an entity the model does not hold.</summary>
    public int Survivor(int entity)
    {
        for (int guard = 0; entity >= 0 && _survivor[entity] != -1 && guard < 1000; guard++)
            entity = _survivor[entity] == UnknownSurvivor ? -1 : _survivor[entity];
        return entity;
    }

    /// <summary>Drops an erased entity's name and canonical member.</summary>
    public void Forget(int entity) => (_names[entity], _first[entity]) = ("", -1);

    public void Upsert(IEnumerable<EntityRecord> entities)
    {
        var list = entities as IReadOnlyCollection<EntityRecord> ?? entities.ToList();
        foreach (var e in list) Handle(e.Id, e);
        // Survivors after all rows are in, so a chain within the batch resolves.
        foreach (var e in list)
        {
            var handle = _byId[e.Id];
            _survivor[handle] = e.Status != EntityStatus.Absorbed ? -1
                : e.SurvivorId is not null && _byId.TryGetValue(e.SurvivorId, out var s) ? s : UnknownSurvivor;
        }
    }

    /// <summary>The entity's handle, added when new (from its row, or from a variant naming it: then taken as active until its row arrives).</summary>
    public int Handle(string id, EntityRecord? record)
    {
        if (_byId.TryGetValue(id, out var handle))
        {
            if (record is not null) (_kinds[handle], _names[handle]) = (Intern(record.Kind), record.CanonicalName);
            return handle;
        }
        handle = Count++;
        if (handle == _ids.Length)
        {
            var size = handle * 2;
            Array.Resize(ref _ids, size);
            Array.Resize(ref _kinds, size);
            Array.Resize(ref _names, size);
            Array.Resize(ref _survivor, size);
            Array.Resize(ref _first, size);
        }
        _ids[handle] = id;
        _kinds[handle] = Intern(record?.Kind ?? "unknown");
        _names[handle] = record?.CanonicalName ?? "";
        _survivor[handle] = -1;
        _first[handle] = -1;
        _byId[id] = handle;
        return handle;
    }

    private static string Intern(string kind) => kind switch { "person" => "person", "legal_entity" => "legal_entity", "unknown" => "unknown", _ => kind };
}
